import Batch
import GeoSupport
@testable import Operations
import Raster
import TestSupport
import XCTest

final class ExtractOperationTests: StageTestCase {
    private let points = TestSupport.fixture("points.csv")
    private let dem = TestSupport.fixture("dem_utm33n.tif")

    func testRastersInNumberedOrder() throws {
        let p = try ExtractOperation.parameters(["points": "p.csv", "raster": "a.tif", "raster_10": "d.tif", "raster_2": "c.tif",
                                                 "raster_1": "b.tif"])
        XCTAssertEqual(p.rasters, ["a.tif", "b.tif", "c.tif", "d.tif"])
        let fanIn: JobParameters = ["points": "p.csv", "rasters": .list(["e.tif", "f.tif"])]
        XCTAssertEqual(try ExtractOperation.parameters(fanIn).rasters, ["e.tif", "f.tif"])
        XCTAssertEqual(try ExtractOperation.parameters(["points": "p.csv", "rasters": "g.tif"]).rasters, ["g.tif"], "a list of one")
        XCTAssertEqual(ExtractOperation().schema.inputFiles(in: fanIn), ["p.csv", "e.tif", "f.tif"], "keys in order: points, rasters")
        XCTAssertEqual(p.bands, [1])
        XCTAssertNil(try ExtractOperation.parameters(["points": "p.csv", "raster": "a.tif", "band": "all"]).bands)
    }

    func testJobSamplesEveryPointAndCountsStatuses() throws {
        let result = try run(ExtractOperation(), ["points": .string(points), "raster": .string(dem), "format": "wide"])
        let csv = try CSVTable(path: result.outputs[0])
        XCTAssertEqual(csv.header, ["id", "lon", "lat", "dem_utm33n", "dem_utm33n_status"])
        XCTAssertEqual(result.values["n_points"], .number(Double(csv.rows.count)))
        XCTAssertEqual(result.values["n_rows"], .number(Double(csv.rows.count)))
        for status in ["ok", "outside", "nodata", "masked"] {
            XCTAssertEqual(result.values["n_\(status)"], .number(Double(csv.rows.filter { $0[4] == status }.count)), status)
        }
        // The values are the band's pixels under the points (nearest), read here through PointSampler directly.
        let ds = try Dataset.open(dem)
        let xs = csv.rows.map { Double($0[1])! }, ys = csv.rows.map { Double($0[2])! }
        let projected = try PointSet(xs: xs, ys: ys, crsDefinition: "EPSG:4326").projected(to: ds.crsWKT, path: dem)
        let samples = try PointSampler(dataset: ds).sample(xs: projected.xs, ys: projected.ys, bands: [1], method: .nearest)
        for (p, row) in csv.rows.enumerated() {
            XCTAssertEqual(row[3], samples.value(band: 0, point: p).map { Float($0).description } ?? "", row[0])
        }
    }

    func testAnOutputNamedLikeAnInputIsRefused() throws {
        let c = context()
        try FileManager.default.createDirectory(atPath: c.outputDirectory, withIntermediateDirectories: true)
        let planted = "\(c.outputDirectory)/extract.csv"
        try FileManager.default.copyItem(atPath: points, toPath: planted)
        let p: JobParameters = ["points": .string(planted), "raster": .string(dem)]
        c.inputFiles = ExtractOperation().schema.inputFiles(in: p)
        XCTAssertThrowsError(try ExtractOperation().run(parameters: p, context: c))
        XCTAssertEqual(try String(contentsOfFile: planted, encoding: .utf8), try String(contentsOfFile: points, encoding: .utf8))
    }

    func testBadParametersNameTheirKey() {
        for (p, message) in [
            (["points": .string(points)], "parameters.raster: is required"),
            (["points": .string(points), "raster": .string(dem), "interp": "bilinear", "stat": "median3x3"], "parameters.stat"),
            (["points": .string(points), "raster": .string(dem), "band": "x"], "parameters.band"),
            (["points": .string(points), "raster": .string(dem), "qc": "good"], "parameters.qc: must be one of best, nominal"),
            (["points": .string(points), "raster": .string(dem), "output": "out.txt"], "parameters.output: must be a file name ending in .csv"),
        ] as [(JobParameters, String)] {
            let error = submitError(ExtractOperation(), p)
            XCTAssertTrue(error?.contains(message) == true, "\(p): \(error ?? "accepted")")
        }
    }
}
