import XCTest
import Grid
import TestSupport
@testable import Raster

final class DatasetTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("dataset") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func testOpenFixtureProperties() throws {
        let ds = try Dataset.open(TestSupport.fixture("dem_utm33n.tif"))
        XCTAssertEqual(ds.driverName, "GTiff")
        XCTAssertEqual(ds.width, 256)
        XCTAssertEqual(ds.bandCount, 1)
        XCTAssertEqual(ds.compression, "DEFLATE")
        XCTAssertEqual(ds.geoTransform, GeoTransform(originX: 600_000, pixelWidth: 30, originY: 5_110_000, pixelHeight: -30))
        XCTAssertEqual(try ds.spatialReference()?.authorityCode, 32633)
        XCTAssertEqual(try ds.band(1).nodata, -9999)
        XCTAssertThrowsError(try ds.band(2))
    }

    func testOpenErrorsNameTheFile() throws {
        XCTAssertThrowsError(try Dataset.open("\(dir)/missing.tif")) { e in
            XCTAssertEqual((e as? RasterError)?.kind, .notFound)
            XCTAssertTrue("\(e)".contains("missing.tif"))
        }
        XCTAssertThrowsError(try Dataset.open(dir)) { XCTAssertEqual(($0 as? RasterError)?.kind, .isDirectory) }
        let text = "\(dir)/text.tif"
        try "not a tiff\n".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try Dataset.open(text)) { XCTAssertEqual(($0 as? RasterError)?.kind, .notRecognized) }
    }

    func testTruncatedFileFailsVerification() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("dem_utm33n.tif")))
        let cut = "\(dir)/cut.tif"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        XCTAssertThrowsError(try Dataset.open(cut).verifyReadable()) { e in
            XCTAssertTrue("\(e)".contains("cut.tif"), "\(e)")
        }
    }

    func testCOGOutputIsTiledCloudOptimized() throws {
        let path = "\(dir)/c.tif"
        let g = Grid<Float>(width: 600, height: 500) { c, r in Float(c + r) }
        try RasterFile.write(g, to: path, georeference: Georeference(geoTransform: .identity, crsWKT: nil),
                             format: .cog, creationOptions: ["BLOCKSIZE": "256"])
        let ds = try Dataset.open(path)
        XCTAssertEqual(ds.metadataItem("LAYOUT", domain: "IMAGE_STRUCTURE"), "COG")
        XCTAssertEqual(try ds.band(1).blockSize.width, 256)
        XCTAssertGreaterThan(try ds.band(1).overviewCount, 0)
        XCTAssertEqual(try ds.band(1).read(Float.self).values, g.values)
    }

    func testFailedWriteLeavesNothingBehind() throws {
        let path = "\(dir)/partial.tif"
        do {
            let out = try RasterOutput(path: path, width: 10, height: 10, dataType: .float32)
            try out.dataset.band(1).write(Grid<Float>(width: 10, height: 5, repeating: 1))
            throw CancellationError()   // simulated failure before commit
        } catch is CancellationError {}
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [])
        XCTAssertThrowsError(try RasterOutput(path: "/nonexistent-dir/x.tif", width: 1, height: 1, dataType: .uint8)) {
            XCTAssertTrue("\($0)".contains("does not exist"))
        }
    }

    func testMetadataAndProvenanceRoundTrip() throws {
        let path = "\(dir)/m.tif"
        try RasterFile.write(Grid<UInt8>(width: 2, height: 2, repeating: 1), to: path,
                             georeference: Georeference(geoTransform: .identity, crsWKT: nil),
                             metadata: ["GEOTOOL_VERSION": "x", "NOTE": "a=b"])
        let ds = try Dataset.open(path)
        XCTAssertEqual(ds.metadata()["NOTE"], "a=b")
        XCTAssertEqual(ds.metadataItem("GEOTOOL_VERSION"), "x")
    }
}
