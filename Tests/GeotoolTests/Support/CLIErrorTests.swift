import Foundation
import GeoSupport
import XCTest
@testable import geotool

/// Every error reaches the user as one readable line: Foundation errors by their localized text, never as
/// the raw `Error Domain=… UserInfo={…}` dump; library errors by their own description.
final class CLIErrorTests: XCTestCase {
    func testFoundationErrorsAreReadable() {
        let missing = CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: "/data/spec.yaml"])
        let nsError = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileReadNoSuchFile.rawValue,
                              userInfo: [NSFilePathErrorKey: "/data/spec.yaml"])
        for error in [missing as Error, nsError as Error] {
            let text = CLIError.message(error)
            XCTAssertFalse(text.contains("Error Domain") || text.contains("UserInfo"), text)
            XCTAssertFalse(text.contains("\n"), text)
        }
    }

    func testLibraryErrorsKeepTheirDescriptionOnOneLine() {
        XCTAssertEqual(CLIError.message(SpecError(path: "layers[0].rho", message: "must be\nnumbers")),
                       "layers[0].rho: must be numbers")
        XCTAssertEqual(CLIError.message(CLIError("a.tif: no such file")), "a.tif: no such file")
    }
}
