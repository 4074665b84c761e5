import Batch
@testable import Operations
import XCTest

final class StageParameterErrorTests: XCTestCase {
    func testNamesTheKeyForTheEngineOnOneLine() {
        let e = StageParameterError("tr_x", "must be\npositive")
        XCTAssertEqual(e.description, "tr_x: must be positive")
        XCTAssertEqual("\(e.batchError)", "\(BatchError.invalidSpec(path: "parameters.tr_x", message: "must be positive"))")
        XCTAssertThrowsError(try StageParameterError.asSpecError { throw e }) { error in
            guard case BatchError.invalidSpec(let path, _)? = error as? BatchError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "parameters.tr_x")
        }
    }

    func testPairsAreBothOrNeither() throws {
        XCTAssertNil(try StageArguments([:]).pair("a", "b"))
        XCTAssertEqual(try StageArguments(["a": 1, "b": "2"]).pair("a", "b").map { [$0.x, $0.y] }, [1, 2])
        XCTAssertThrowsError(try StageArguments(["a": 1]).pair("a", "b")) { XCTAssertEqual(($0 as? StageParameterError)?.key, "b") }
        XCTAssertThrowsError(try StageArguments(["b": 1]).pair("a", "b")) { XCTAssertEqual(($0 as? StageParameterError)?.key, "a") }
    }

    func testListsDropEmptyWords() {
        XCTAssertEqual(StageArguments(["v": " LST, ,LST_err,"]).list("v"), ["LST", "LST_err"])
        XCTAssertEqual(StageArguments([:]).list("v"), [])
    }
}
