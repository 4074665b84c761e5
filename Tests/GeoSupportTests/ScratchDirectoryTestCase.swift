import Foundation
import TestSupport
import XCTest

/// A test case with a fresh scratch directory per test (`dir`, removed afterwards) and a look at what is in it:
/// the file-writing tests assert that nothing but their outputs remains.
class ScratchDirectoryTestCase: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("geosupport") }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// The names in `dir`, sorted.
    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }
}
