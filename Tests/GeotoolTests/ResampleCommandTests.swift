import XCTest
import Raster
import TestSupport

/// `geotool resample` / `geotool reproject` as processes.
final class ResampleCommandTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("resample-cli") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testResampleWritesAggregatedRasterWithProvenance() throws {
        let out = "\(dir)/mean.tif"
        let r = try TestSupport.geotool(["resample", TestSupport.fixture("dem_utm33n.tif"), out,
                                         "--factor", "8", "--method", "mean", "--min-valid-fraction", "0.5"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("100%"), "progress on stderr")
        let ds = try Dataset.open(out)
        XCTAssertEqual(ds.width, 32)
        XCTAssertEqual(ds.geoTransform?.pixelWidth, 240)
        XCTAssertEqual(ds.metadataItem("GEOTOOL_INPUT"), TestSupport.fixture("dem_utm33n.tif"))
        XCTAssertTrue(ds.metadataItem("GEOTOOL_COMMAND")?.contains("resample") == true)
        // Cross-check one full cell against a direct read.
        let input = try Dataset.open(TestSupport.fixture("dem_utm33n.tif")).band(1)
        let block = try input.read(Double.self, window: .init(col: 64, row: 64, width: 8, height: 8)).values
        let mean = try ds.band(1).read(Double.self, window: .init(col: 8, row: 8, width: 1, height: 1)).values[0]
        XCTAssertEqual(mean, Double(Float(block.reduce(0, +) / 64)), accuracy: 0)
    }

    func testBadInputOneLineNoOutput() throws {
        let cases: [[String]] = [
            ["resample", "\(dir)/missing.tif", "\(dir)/o1.tif", "--factor", "2", "--method", "sum"],
            ["resample", TestSupport.fixture("dem_utm33n.tif"), "\(dir)/o2.tif", "--factor", "2", "--method", "median"],
            ["resample", TestSupport.fixture("dem_utm33n.tif"), "\(dir)/o3.tif", "--tr", "100", "--method", "sum"],
            ["resample", TestSupport.fixture("dem_utm33n.tif"), "/nonexistent/o4.tif", "--factor", "2", "--method", "sum"],
            ["reproject", TestSupport.fixture("dem_utm33n.tif"), "--t-srs", "EPSG:99999999", "-o", "\(dir)/o5.tif"],
        ]
        for args in cases {
            let r = try TestSupport.geotool(args + ["--quiet"].filter { _ in args[0] == "resample" })
            XCTAssertNotEqual(r.status, 0, args.joined(separator: " "))
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
    }

    func testReprojectSkipsExistingUnlessOverwrite() throws {
        let args = ["reproject", TestSupport.fixture("dem_wgs84_int16.tif"), "--t-srs", "EPSG:32633", "--out-dir", dir]
        XCTAssertEqual(try TestSupport.geotool(args).status, 0)
        let again = try TestSupport.geotool(args)
        XCTAssertTrue(again.stderr.contains("skipped"), again.stderr)
        let forced = try TestSupport.geotool(args + ["--overwrite"])
        XCTAssertFalse(forced.stderr.contains("skipped"), forced.stderr)
        XCTAssertEqual(try Dataset.open("\(dir)/dem_wgs84_int16.tif").spatialReference()?.authorityCode, 32633)
    }
}
