import XCTest
import Foundation
import Grid
@testable import Raster

/// The one atomic-write helper: nothing is left behind on any failure path, errors name the output
/// (never the temporary), and creation options GDAL ignores are errors for every way a raster is made.
final class AtomicWriteTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "atomic-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    private let grid = Grid<Float>(width: 32, height: 32, repeating: 1)
    private let georef = Georeference(geoTransform: GeoTransform([0, 1, 0, 32, 0, -1]), crsWKT: nil)

    func testFailedCreateLeavesNothingAndNamesTheOutput() {
        let out = "\(dir)/o.tif"
        for format in [OutputFormat.gtiff, .cog] {
            for options in [["TILED": "YES", "BLOCKXSIZE": "7"], ["COMPRESS": "BOGUS"], ["NOT_AN_OPTION": "1"], ["ZLEVEL": "99"]] {
                XCTAssertThrowsError(try RasterFile.write(grid, to: out, georeference: georef, format: format,
                                                          creationOptions: options)) { e in
                    XCTAssertTrue("\(e)".hasPrefix(out), "\(e)")
                    XCTAssertFalse("\(e)".contains(".tmp-"), "\(e)")
                }
                XCTAssertEqual(listing, [], "\(format) \(options)")
            }
        }
    }

    func testDroppedOrAbortedOutputsLeaveNothing() throws {
        do {
            let out = try RasterOutput(path: "\(dir)/a.tif", format: .cog, width: 8, height: 8, dataType: .float32)
            try out.dataset.band(1).write(Grid<Float>(width: 8, height: 8, repeating: 2))
        }
        XCTAssertEqual(listing, [], "dropped uncommitted")
        let out = try RasterOutput(path: "\(dir)/b.tif", width: 8, height: 8, dataType: .float32)
        out.abort()
        XCTAssertEqual(listing, [])
        _ = try AtomicFile("\(dir)/c.txt")
        XCTAssertEqual(listing, [])
    }

    func testWriteBodyErrorsAreMappedAndTemporariesRemoved() {
        XCTAssertThrowsError(try AtomicFile.write(to: "\(dir)/d.txt") { tmp -> Void in
            FileManager.default.createFile(atPath: tmp, contents: Data("x".utf8))
            FileManager.default.createFile(atPath: tmp + ".aux.xml", contents: Data("x".utf8))
            throw NSError(domain: "test", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(tmp): disk full"])
        }) { e in
            XCTAssertFalse("\(e)".contains(".tmp-"), "\(e)")
            XCTAssertTrue("\(e)".contains("\(dir)/d.txt"), "\(e)")
        }
        XCTAssertEqual(listing, [])
    }

    func testCommittedWritesLeaveOnlyTheOutput() throws {
        try RasterFile.write(grid, to: "\(dir)/ok.tif", georeference: georef, format: .cog, creationOptions: ["BLOCKSIZE": "64"])
        XCTAssertEqual(listing, ["ok.tif"])
        XCTAssertFalse(CompleteOutput.isCompleteRaster("\(dir)/ok.tif"), "no provenance marker")
        try RasterFile.write(grid, to: "\(dir)/marked.tif", georeference: georef, metadata: [CompleteOutput.marker: "x"])
        XCTAssertTrue(CompleteOutput.isCompleteRaster("\(dir)/marked.tif"))
    }
}
