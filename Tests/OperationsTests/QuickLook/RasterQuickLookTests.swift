import Foundation
import GeoSupport
import Grid
@testable import Operations
import Raster
import TestSupport
import XCTest

/// The dashboard's quick-look draws a real raster to a complete PNG of the quick-look size, refuses
/// rasters above its pixel limit before reading them, and names the file on failure.
final class RasterQuickLookTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("quicklook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func testDrawsTheFixtureDEMAsACompletePNGOfTheQuickLookSize() throws {
        let png = directory.appendingPathComponent("dem.png").path
        try RasterQuickLook.render(raster: TestSupport.fixture("dem_utm33n.tif"), to: png)
        let data = try Data(contentsOf: URL(fileURLWithPath: png))
        XCTAssertTrue(PNGIntegrity.isComplete(png), "not a complete PNG")
        // IHDR: width and height are the big-endian words at bytes 16…23.
        let word = { (at: Int) in data[at..<(at + 4)].reduce(0) { $0 << 8 | Int($1) } }
        XCTAssertEqual(word(16), RasterQuickLook.layout.width)
        XCTAssertEqual(word(20), RasterQuickLook.layout.height)
    }

    func testRefusesARasterAboveTheLimitBeforeReadingIt() throws {
        // A header-only GeoTIFF claiming 6000 × 6000 pixels (sparse: nothing is allocated or written).
        let big = directory.appendingPathComponent("big.tif").path
        let ds = try Dataset.create(big, width: 6000, height: 6000, dataType: .float32, options: ["SPARSE_OK": "TRUE"])
        try ds.close()
        let png = directory.appendingPathComponent("big.png").path
        XCTAssertThrowsError(try RasterQuickLook.render(raster: big, to: png)) { error in
            XCTAssertTrue("\(error)".contains("big.tif"), "\(error)")
            XCTAssertTrue("\(error)".contains("6000×6000"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: png))
    }

    func testNamesAFileThatIsNotARaster() throws {
        let text = directory.appendingPathComponent("notes.tif").path
        try "not a raster".write(toFile: text, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try RasterQuickLook.render(raster: text, to: directory.appendingPathComponent("n.png").path)) { error in
            XCTAssertTrue("\(error)".contains("notes.tif"), "\(error)")
        }
    }
}
