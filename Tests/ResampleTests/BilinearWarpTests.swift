import GeoSupport
import XCTest
import Grid
import Raster
import TestSupport
@testable import Resample

/// geotool's bilinear warp against the real `gdalwarp` (GDAL's own kernel), bit for bit, on random
/// rasters built to hit every rule it reproduces: nodata blobs, values within GDAL's float
/// tolerance of the nodata (and just outside it), NaN pixels (data in GDAL: they propagate), ±0,
/// edges where the approximate transformer lands a pixel centre just outside the source, and
/// every kind of scale (one axis shrinking, both, an exact factor 2 snapped to 1/2).
final class BilinearWarpTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("bilinear-warp") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A `width`×`height` Float32 raster with random values, nodata rectangles, NaNs, near-nodata
    /// values and ±0; `nodata` nil writes a raster without a nodata value.
    private func makeSource(_ name: String, width: Int, height: Int, geoTransform: GeoTransform, srs: String,
                            nodata: Float?, seed: UInt64) throws -> String {
        var rng = SplitMix64(seed: seed)
        var values = (0..<(width * height)).map { _ in Float(rng.unit() * 2000 - 500) }
        let nd = nodata ?? -9999
        for _ in 0..<12 {   // nodata blobs
            let w = Int(rng.unit() * 30) + 1, h = Int(rng.unit() * 30) + 1
            let c = Int(rng.unit() * Double(width - w)), r = Int(rng.unit() * Double(height - h))
            for y in r..<(r + h) { for x in c..<(c + w) { values[y * width + x] = nd } }
        }
        for k in 0..<400 {
            let i = Int(rng.unit() * Double(values.count))
            switch k % 8 {
            case 0: values[i] = .nan
            case 1: values[i] = nd.isNaN ? 0 : nd + 0.003      // within GDAL's tolerance: nodata
            case 2: values[i] = nd.isNaN ? 0 : nd - 0.0045     // within it too
            case 3: values[i] = nd.isNaN ? 0 : nd + 0.02       // outside: a value
            case 4: values[i] = -0.0
            case 5: values[i] = 0
            default: break
            }
        }
        let path = "\(dir)/\(name).tif"
        try RasterFile.write(Grid(width: width, height: height, values: values, nodata: nodata), to: path,
                             georeference: Georeference(geoTransform: geoTransform, crsWKT: try SpatialReference(srs).wkt))
        return path
    }

    /// Warps `input` with geotool (asserting its own kernel ran) and with `gdalwarp`; compares.
    private func assertMatchesGdalwarp(_ input: String, to srs: String, resolution: (Double, Double)? = nil,
                                       file: StaticString = #filePath, line: UInt = #line) throws {
        var job = Reprojection(targetSRS: srs)
        job.resampling = .bilinear
        job.resolution = resolution
        job.workers = 3     // one file: its rows shared by 3 threads, each with its own transformer
        let wkt = try SpatialReference(srs).wkt
        let args = job.gdalwarpArguments(targetWKT: wkt, dataType: .float32, input: try Dataset.open(input))
        XCTAssertNotNil(try BilinearWarp.plan(source: try Dataset.open(input), targetSRS: wkt, arguments: args),
                        "geotool's kernel should handle this case", file: file, line: line)
        let name = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
        let ours = "\(dir)/\(name)-ours.tif", theirs = "\(dir)/\(name)-gdalwarp.tif"
        let outcome = try job.run(inputs: [input], outputs: [ours])
        guard case .written = outcome[0] else { return XCTFail("\(outcome[0])", file: file, line: line) }
        let r = try TestSupport.run("gdalwarp", ["-q"] + args + [input, theirs])
        XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
        let a = try Dataset.open(ours), b = try Dataset.open(theirs)
        XCTAssertEqual(a.width, b.width, file: file, line: line)
        XCTAssertEqual(a.height, b.height, file: file, line: line)
        XCTAssertEqual(a.geoTransform, b.geoTransform, file: file, line: line)
        XCTAssertTrue(try a.spatialReference()!.isSame(as: try b.spatialReference()!), file: file, line: line)
        XCTAssertEqual(try a.band(1).nodata?.bitPattern, try b.band(1).nodata?.bitPattern, file: file, line: line)
        let va = try a.band(1).read(Float.self).values, vb = try b.band(1).read(Float.self).values
        let differing = zip(va, vb).filter { $0.bitPattern != $1.bitPattern }.count
        XCTAssertEqual(differing, 0, "pixels differing from gdalwarp", file: file, line: line)
        let nd = try b.band(1).nodata.map(Float.init) ?? .nan
        let written = vb.filter { !($0 == nd || ($0.isNaN && nd.isNaN)) }.count
        XCTAssertGreaterThan(written, va.count / 3, "too few pixels to compare", file: file, line: line)
    }

    private let utm = GeoTransform(originX: 400_000, pixelWidth: 70, originY: 5_200_000, pixelHeight: -70)
    private let geographic = GeoTransform(originX: 14.2, pixelWidth: 0.0005, originY: 47.1, pixelHeight: -0.0005)

    func testUTMToGeographicShrinksNorthSouth() throws {
        let src = try makeSource("utm", width: 420, height: 333, geoTransform: utm, srs: "EPSG:32633", nodata: -9999, seed: 1)
        try assertMatchesGdalwarp(src, to: "EPSG:4326")
    }

    func testResolutionThatShrinksEastWestOnly() throws {
        let src = try makeSource("utm-x", width: 300, height: 280, geoTransform: utm, srs: "EPSG:32633", nodata: -9999, seed: 2)
        try assertMatchesGdalwarp(src, to: "EPSG:4326", resolution: (0.001, 0.0005))
    }

    func testGeographicToUTMShrinkingBothAxes() throws {
        let src = try makeSource("geo", width: 500, height: 360, geoTransform: geographic, srs: "EPSG:4326", nodata: -32768, seed: 3)
        try assertMatchesGdalwarp(src, to: "EPSG:32633", resolution: (100, 100))
    }

    func testFactorTwoIsSnappedAcrossZones() throws {
        let src = try makeSource("zone", width: 400, height: 400, geoTransform: utm, srs: "EPSG:32633", nodata: 0, seed: 4)
        try assertMatchesGdalwarp(src, to: "EPSG:32632", resolution: (140, 140))
    }

    func testNaNNodata() throws {
        let src = try makeSource("nan", width: 350, height: 300, geoTransform: utm, srs: "EPSG:32633", nodata: .nan, seed: 5)
        try assertMatchesGdalwarp(src, to: "EPSG:4326")
    }

    /// Outside the reproduced envelope the plan is nil (and `Reprojection` runs GDAL's warper).
    func testCasesLeftToGDAL() throws {
        let wkt4326 = try SpatialReference("EPSG:4326").wkt, wkt3035 = try SpatialReference("EPSG:3035").wkt
        func plan(_ path: String, _ wkt: String, _ extra: [String] = []) throws -> BilinearWarp? {
            try BilinearWarp.plan(source: try Dataset.open(path), targetSRS: wkt,
                                  arguments: ["-t_srs", wkt, "-r", "bilinear", "-of", "GTiff"] + extra)
        }
        let noNodata = try makeSource("nond", width: 200, height: 200, geoTransform: utm, srs: "EPSG:32633", nodata: nil, seed: 6)
        XCTAssertNil(try plan(noNodata, wkt4326), "no nodata: GDAL's unmasked kernel")
        XCTAssertNil(try plan(TestSupport.fixture("dem_wgs84_int16.tif"), wkt3035), "Int16")
        let src = try makeSource("same", width: 200, height: 200, geoTransform: utm, srs: "EPSG:32633", nodata: -9999, seed: 7)
        XCTAssertNil(try plan(src, wkt3035, ["-tr", "70", "70"]), "both scales ≥ 0.95: GDAL's 4-sample formula")
        XCTAssertNil(try plan(src, wkt4326, ["-te", "14.0", "46.8", "14.6", "46.9"]), "a window inside the source")
        XCTAssertNotNil(try plan(src, wkt4326))
        // 3000² → ~3450×2400: ~78 MB of warp buffers. GDAL's default 64 MB would split it into
        // chunks (not reproduced); with Reprojection's 1024 MB it is one chunk.
        let big = try makeSource("big", width: 3000, height: 3000, geoTransform: utm, srs: "EPSG:32633", nodata: -9999, seed: 8)
        XCTAssertNil(try plan(big, wkt4326, ["-wm", "64"]), "GDAL would warp it in chunks")
        XCTAssertNotNil(try plan(big, wkt4326, ["-wm", "\(Reprojection(targetSRS: "EPSG:4326").warpMemoryMB)"]))
    }
}
