import GeoSupport
import XCTest
import Grid
@testable import Raster
import TestSupport

/// `PointSampler` against `gdallocationinfo` (nearest) and against hand computations.
final class PointSamplerTests: XCTestCase {
    private var tmp: String!

    override func setUpWithError() throws { tmp = try TestSupport.temporaryDirectory("sampler") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    /// Fixture points (projected) plus points built in the raster CRS exactly on pixel corners,
    /// on pixel edges, on the raster's outer edges and just outside.
    private func testPoints(for file: String) throws -> (xs: [Double], ys: [Double]) {
        let ds = try Dataset.open(file)
        let gt = try XCTUnwrap(ds.geoTransform)
        let table = try String(contentsOfFile: TestSupport.fixture("points.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        let set = try PointSet(xs: table.map { Double($0[1])! }, ys: table.map { Double($0[2])! }, crsDefinition: "EPSG:4326")
        let projected = try set.projected(to: ds.crsWKT, path: file)
        var xs = projected.xs, ys = projected.ys
        let (w, h) = (Double(ds.width), Double(ds.height))
        let pixelSpots: [(Double, Double)] = [
            (0, 0), (1, 1), (5, 7), (w / 2, h / 2), (w - 1, h - 1),           // corners of pixels
            (3, 2.5), (2.5, 3), (w, 4.5), (4.5, h), (w - 1e-9, h - 1e-9),     // pixel edges, raster edges
            (-0.5, 3.5), (3.5, -0.25), (w + 0.5, 1), (0.5, 0.5), (w - 0.5, h - 0.5),
        ]
        for (c, r) in pixelSpots {
            let p = gt.world(col: c, row: r)
            xs.append(p.x); ys.append(p.y)
        }
        return (xs, ys)
    }

    func testNearestEqualsGdallocationinfoOnFixtures() throws {
        let files = ["dem_utm33n.tif", "dem_wgs84_int16.tif",
                     "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif",
                     "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_QC.tif",
                     "ECOv002_L2T_LSTE_28912_011_33TWL_20230805T134511_0710_01_cloud.tif",
                     "ECO_L2T_LSTE.002_LST_doy2023193101322_aid0001_33N.tif"].map(TestSupport.fixture)
        var statuses = Set<SampleStatus>()
        for file in files {
            let (xs, ys) = try testPoints(for: file)
            let samples = try PointSampler(dataset: try Dataset.open(file)).sample(xs: xs, ys: ys)
            let gdal = try GdalLocationInfo.values(file: file, xs: xs, ys: ys)
            XCTAssertEqual(gdal.count, xs.count, file)
            for i in 0..<min(gdal.count, xs.count) {
                let status = samples.statuses[0][i]
                statuses.insert(status)
                let msg = "\(file) point \(i) (\(xs[i]), \(ys[i])): gdal '\(gdal[i])', ours \(status) \(samples.values[0][i])"
                if gdal[i].isEmpty {
                    XCTAssertEqual(status, .outside, msg)
                } else {
                    let g = try XCTUnwrap(Double(gdal[i].replacingOccurrences(of: "nan", with: "nan")), msg)
                    let nodata = try Dataset.open(file).band(1).nodata
                    if g.isNaN || g == nodata {
                        XCTAssertEqual(status, .nodata, msg)
                    } else {
                        XCTAssertEqual(status, .ok, msg)
                        // %.15g is exact for every value of these types once read back at the band's precision.
                        XCTAssertEqual(Float(samples.values[0][i]), Float(g), msg)
                    }
                }
            }
        }
        XCTAssertEqual(statuses, [.ok, .outside, .nodata], "the fixtures exercise every status")
    }

    func testCornerPointBelongsToLowerRightPixel() throws {
        let path = try writeTestRaster()
        let sampler = try PointSampler(dataset: try Dataset.open(path))
        // Corner shared by pixels (1,1), (2,1), (1,2), (2,2) → (2,2).
        XCTAssertEqual(sampler.pixel(x: 1020, y: 1980), PixelIndex(col: 2, row: 2))
        XCTAssertEqual(sampler.pixel(x: 1000, y: 2000), PixelIndex(col: 0, row: 0))
        XCTAssertNil(sampler.pixel(x: 1040, y: 1990), "the right edge belongs to the pixel beyond it")
        XCTAssertNil(sampler.pixel(x: .nan, y: 1990))
    }

    /// 4×4 Float32, pixel 10 m, origin (1000, 2000); value(c, r) = c² + 7r; optional nodata pixels.
    private func writeTestRaster(nodataAt: [(Int, Int)] = [], bands: Int = 1) throws -> String {
        var g = Grid<Float>(width: 4, height: 4, nodata: -1) { c, r in Float(c * c + 7 * r) }
        for (c, r) in nodataAt { g[col: c, row: r] = -1 }
        let path = "\(tmp!)/test-\(UUID().uuidString).tif"
        let second = g.map(nodata: -1) { $0 < 0 ? -1 : $0 * 2 }
        try RasterFile.write(bands == 1 ? [g] : [g, second], to: path,
                             georeference: Georeference(
                                 geoTransform: GeoTransform(originX: 1000, pixelWidth: 10, originY: 2000, pixelHeight: -10),
                                 crsWKT: try SpatialReference(epsg: 32633).wkt1))
        return path
    }

    private func sample(_ path: String, col: Double, row: Double, _ method: SamplingMethod,
                        bands: [Int]? = nil) throws -> PointSamples {
        try PointSampler(dataset: try Dataset.open(path))
            .sample(xs: [1000 + 10 * col], ys: [2000 - 10 * row], bands: bands, method: method)
    }

    func testBilinearAgainstHandComputation() throws {
        let path = try writeTestRaster()
        // (1.75, 2.25) → centre-based u = 1.25, v = 1.75: neighbours (1,1)=8 (2,1)=11 (1,2)=15 (2,2)=18,
        // weights .1875 .0625 .5625 .1875 → 1.5 + .6875 + 8.4375 + 3.375 = 14.
        XCTAssertEqual(try sample(path, col: 1.75, row: 2.25, .bilinear).values[0][0], 14, accuracy: 1e-12)
        // At a pixel centre bilinear is the pixel itself: (2.5, 1.5) → (2,1) = 11.
        XCTAssertEqual(try sample(path, col: 2.5, row: 1.5, .bilinear).values[0][0], 11, accuracy: 1e-12)
        // Outer half-pixel: only (0,0) lies inside → its value 0.
        XCTAssertEqual(try sample(path, col: 0.25, row: 0.25, .bilinear).values[0][0], 0, accuracy: 1e-12)
        // Bottom-right edge band: (3.75, 3.25) → u=3.25 v=2.75: (3,2)=23 w=.1875, (3,3)=30 w=.5625; others outside.
        XCTAssertEqual(try sample(path, col: 3.75, row: 3.25, .bilinear).values[0][0],
                       (23 * 0.1875 + 30 * 0.5625) / 0.75, accuracy: 1e-12)
    }

    func testBilinearRenormalisesAroundNodata() throws {
        let path = try writeTestRaster(nodataAt: [(2, 2)])
        let s = try sample(path, col: 1.75, row: 2.25, .bilinear)   // own pixel (1,2) is valid
        XCTAssertEqual(s.statuses[0][0], .ok)
        XCTAssertEqual(s.values[0][0], (8 * 0.1875 + 11 * 0.0625 + 15 * 0.5625) / 0.8125, accuracy: 1e-12)
        // The own pixel being nodata makes the point nodata whatever its neighbours.
        let own = try sample(path, col: 2.25, row: 2.25, .bilinear)
        XCTAssertEqual(own.statuses[0][0], .nodata)
        XCTAssertNil(own.value(band: 0, point: 0))
    }

    func testThreeByThreeStatistics() throws {
        let path = try writeTestRaster()
        // Centre (1,1): 0 1 4 / 7 8 11 / 14 15 18 → mean 78/9, median 8.
        XCTAssertEqual(try sample(path, col: 1.5, row: 1.5, .mean3x3).values[0][0], 78.0 / 9, accuracy: 1e-12)
        XCTAssertEqual(try sample(path, col: 1.5, row: 1.5, .median3x3).values[0][0], 8)
        // Corner (0,0), clipped: 0 1 / 7 8 → mean 4, median (1+7)/2 = 4.
        XCTAssertEqual(try sample(path, col: 0.1, row: 0.1, .mean3x3).values[0][0], 4)
        XCTAssertEqual(try sample(path, col: 0.1, row: 0.1, .median3x3).values[0][0], 4)
        // Nodata neighbours are skipped: remove 18 and 0 → 1 4 7 8 11 14 15: mean 60/7, median 8.
        let holes = try writeTestRaster(nodataAt: [(2, 2), (0, 0)])
        XCTAssertEqual(try sample(holes, col: 1.5, row: 1.5, .mean3x3).values[0][0], 60.0 / 7, accuracy: 1e-12)
        XCTAssertEqual(try sample(holes, col: 1.5, row: 1.5, .median3x3).values[0][0], 8)
    }

    func testMultiBandAndMasking() throws {
        let path = try writeTestRaster(bands: 2)
        var s = try PointSampler(dataset: try Dataset.open(path))
            .sample(xs: [1015, 1025, 5000], ys: [1985, 1965, 0], bands: nil)
        XCTAssertEqual(s.bands, [1, 2])
        XCTAssertEqual(s.values[0][0], 8)     // (1,1)
        XCTAssertEqual(s.values[1][0], 16)
        XCTAssertEqual(s.values[0][1], 4 + 21) // (2,3)
        XCTAssertEqual(s.statuses[1][2], .outside)
        s.applyMask([false, true, true])
        XCTAssertEqual(s.statuses[0][1], .masked)
        XCTAssertNil(s.value(band: 1, point: 1))
        XCTAssertEqual(s.statuses[0][2], .outside, "outside takes precedence over masked")
        XCTAssertEqual(s.statuses[0][0], .ok)
    }

    /// Many points over a tiled raster with partial edge blocks: every block boundary case.
    func testBlockReadsMatchWholeRasterRead() throws {
        let g = Grid<Float>(width: 40, height: 37, nodata: nil) { c, r in Float(c * 1000 + r) }
        let path = "\(tmp!)/tiled.tif"
        try RasterFile.write(g, to: path, georeference: Georeference(
            geoTransform: GeoTransform(originX: 0, pixelWidth: 1, originY: 37, pixelHeight: -1),
            crsWKT: try SpatialReference(epsg: 32633).wkt1),
            creationOptions: ["BLOCKXSIZE": "16", "BLOCKYSIZE": "16"])
        XCTAssertEqual(try Dataset.open(path).band(1).blockSize.width, 16)
        var rng = SplitMix64(seed: 5)
        let xs = (0..<500).map { _ in rng.unit() * 44 - 2 }, ys = (0..<500).map { _ in rng.unit() * 41 - 2 }
        let s = try PointSampler(dataset: try Dataset.open(path)).sample(xs: xs, ys: ys, method: .mean3x3)
        for i in 0..<xs.count {
            let c = Int(xs[i].rounded(.down)), r = Int((37 - ys[i]).rounded(.down))
            guard c >= 0, c < 40, r >= 0, r < 37 else { XCTAssertEqual(s.statuses[0][i], .outside); continue }
            var vals: [Double] = []
            for rr in max(0, r - 1)...min(36, r + 1) { for cc in max(0, c - 1)...min(39, c + 1) { vals.append(Double(g[col: cc, row: rr])) } }
            XCTAssertEqual(s.values[0][i], vals.reduce(0, +) / Double(vals.count), accuracy: 1e-9, "point \(i)")
        }
    }

    func testRasterWithoutCRSIsAnErrorNamingTheFile() throws {
        let path = "\(tmp!)/nocrs.tif"
        try RasterFile.write(Grid<Float>(width: 2, height: 2, repeating: 1), to: path, georeference: Georeference(
            geoTransform: GeoTransform(originX: 0, pixelWidth: 1, originY: 2, pixelHeight: -1), crsWKT: nil))
        let points = try PointSet(xs: [0.5], ys: [0.5], crsDefinition: "EPSG:4326")
        XCTAssertThrowsError(try PointSampler(dataset: try Dataset.open(path)).sample(points)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
            XCTAssertTrue("\(error)".contains("no CRS"), "\(error)")
        }
    }
}
