import Operations
import XCTest

final class OperationErrorTests: XCTestCase {
    func testMessageStaysOnOneLine() {
        XCTAssertEqual(OperationError("dem.tif: bad\nvalue\r\nhere").description, "dem.tif: bad value here")
    }
}
