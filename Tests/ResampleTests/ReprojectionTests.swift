import XCTest
import Grid
import Raster
import TestSupport
@testable import Resample

/// Reprojection output is pixel-identical to `gdalwarp` run with the same options.
final class ReprojectionTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("reproject") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func assertIdentical(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let da = try Dataset.open(a), db = try Dataset.open(b)
        XCTAssertEqual(da.width, db.width, file: file, line: line)
        XCTAssertEqual(da.height, db.height, file: file, line: line)
        XCTAssertEqual(da.geoTransform, db.geoTransform, file: file, line: line)
        XCTAssertEqual(try da.band(1).nodata?.bitPattern, try db.band(1).nodata?.bitPattern, file: file, line: line)
        for b in 1...da.bandCount {
            let va = try da.band(b).read(Double.self).values, vb = try db.band(b).read(Double.self).values
            XCTAssertTrue(zip(va, vb).allSatisfy { $0.bitPattern == $1.bitPattern }, "band \(b) differs", file: file, line: line)
        }
    }

    func testPixelIdenticalToGdalwarpOnFixtures() throws {
        let cases: [(String, String, ResamplingMethod, (Double, Double)?)] = [
            ("dem_utm33n.tif", "EPSG:4326", .bilinear, nil),
            ("dem_utm33n.tif", "EPSG:3035", .cubic, (50, 50)),
            ("dem_wgs84_int16.tif", "EPSG:32633", .nearest, (40, 40)),
            ("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif", "EPSG:4326", .average, nil),
        ]
        for (name, srs, method, tr) in cases {
            var job = Reprojection(targetSRS: srs)
            job.resampling = method
            job.resolution = tr
            let ours = "\(dir)/ours-\(method)-\(name)", theirs = "\(dir)/gdalwarp-\(method)-\(name)"
            let outcome = try job.run(inputs: [TestSupport.fixture(name)], outputs: [ours])
            guard case .written = outcome[0] else { return XCTFail("\(outcome[0])") }
            let args = job.gdalwarpArguments(targetWKT: try SpatialReference(srs).wkt,
                                             dataType: try Dataset.open(TestSupport.fixture(name)).band(1).dataType,
                                             input: try Dataset.open(TestSupport.fixture(name)))
            let r = try TestSupport.run("gdalwarp", ["-q"] + args + [TestSupport.fixture(name), theirs])
            XCTAssertEqual(r.status, 0, r.stderr)
            try assertIdentical(ours, theirs)
        }
    }

    func testNaNNodataCarriedThroughAndCOGOutput() throws {
        var job = Reprojection(targetSRS: "EPSG:4326")
        job.format = .cog
        let out = "\(dir)/lst.tif"
        _ = try job.run(inputs: [TestSupport.fixture("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif")],
                        outputs: [out])
        let ds = try Dataset.open(out)
        XCTAssertEqual(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE"), "COG")
        XCTAssertTrue(try ds.band(1).nodata?.isNaN == true)
        XCTAssertGreaterThan(try ds.band(1).read(Float.self).values.filter(\.isNaN).count, 0)
    }

    func testSkipsCompleteOutputsAndReportsPerFileErrors() throws {
        let noCRS = "\(dir)/nocrs.tif"
        try RasterFile.write(Grid<Float>(width: 4, height: 4, repeating: 1), to: noCRS,
                             georeference: Georeference(geoTransform: .identity, crsWKT: nil))
        var job = Reprojection(targetSRS: "EPSG:4326")
        job.metadata = [CompleteOutput.marker: "test"]
        let existing = "\(dir)/existing.tif"
        try "placeholder".write(toFile: existing, atomically: true, encoding: .utf8)
        let outcomes = try job.run(inputs: [noCRS, TestSupport.fixture("dem_utm33n.tif")],
                                   outputs: ["\(dir)/a.tif", existing])
        guard case .failed(let message) = outcomes[0] else { return XCTFail("expected failure") }
        XCTAssertTrue(message.contains("nocrs.tif") && message.contains("no CRS"), message)
        guard case .written = outcomes[1] else { return XCTFail("a placeholder is not a complete output: redone") }
        guard case .skipped = try job.run(inputs: [TestSupport.fixture("dem_utm33n.tif")], outputs: [existing])[0] else {
            return XCTFail("expected skip of the complete output")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/a.tif"))
        XCTAssertThrowsError(try Reprojection(targetSRS: "EPSG:99999999").run(inputs: [noCRS], outputs: ["\(dir)/b.tif"]))
    }
}
