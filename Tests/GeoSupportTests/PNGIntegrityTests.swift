import Foundation
import GeoSupport
import XCTest

final class PNGIntegrityTests: XCTestCase {
    /// A 1×1 RGBA PNG (IHDR, IDAT, IEND).
    let png = [UInt8](Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)

    func testCompletePNG() {
        XCTAssertTrue(PNGIntegrity.isComplete(png))
    }

    func testEmptyTruncatedCorruptOrForeignAreNot() {
        XCTAssertFalse(PNGIntegrity.isComplete([]))
        for cut in [1, 8, 20, 33, png.count - 12, png.count - 1] {
            XCTAssertFalse(PNGIntegrity.isComplete(Array(png.prefix(cut))), "cut at \(cut)")
        }
        var flipped = png
        flipped[40] ^= 0x01
        XCTAssertFalse(PNGIntegrity.isComplete(flipped), "a bad CRC")
        XCTAssertFalse(PNGIntegrity.isComplete(png + [0]), "bytes after IEND")
        XCTAssertFalse(PNGIntegrity.isComplete([UInt8]("GIF89a not a png at all, long enough".utf8)))
    }

    func testFiles() throws {
        let path = NSTemporaryDirectory() + "png-\(UUID().uuidString).png"
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertFalse(PNGIntegrity.isComplete(path), "missing")
        try Data(png).write(to: URL(fileURLWithPath: path))
        XCTAssertTrue(PNGIntegrity.isComplete(path))
        try Data().write(to: URL(fileURLWithPath: path))
        XCTAssertFalse(PNGIntegrity.isComplete(path), "zero bytes")
    }
}
