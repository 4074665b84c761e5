import Batch
import Foundation
import GeoSupport
import Operations
import TestSupport
import XCTest

/// `table`: a fan-in's columns into one CSV; bad shapes rejected naming the parameter.
final class TableJobTests: XCTestCase {
    private func run(_ p: JobParameters) throws -> (JobResult, String) {
        let dir = try TestSupport.temporaryDirectory("table-job")
        let context = JobContext(jobID: 1, batchID: 1, attempt: 1, workerID: "t:1:w0", outputDirectory: dir)
        let job = TableJob()
        try job.check(p)
        let r = try job.run(parameters: p, context: context)
        return (r, try String(contentsOfFile: r.outputs[0], encoding: .utf8))
    }

    func testColumnsBecomeRowsInOrderWithQuotedText() throws {
        let (r, text) = try run(["names": "name, value", "column_1": .list(["a", "b,c"]), "column_2": .list([1.5, 2])])
        XCTAssertEqual(text, "name,value\na,1.5\n\"b,c\",2\n")
        XCTAssertEqual(r.values["rows"], .number(2))
        XCTAssertTrue(r.outputs[0].hasSuffix("/table.csv"))
    }

    func testASingleValueIsAColumnOfOneRow() throws {
        XCTAssertEqual(try run(["names": "v", "column_1": 3]).1, "v\n3\n")
    }

    func testBadShapesNameTheParameter() {
        let cases: [(JobParameters, String)] = [
            (["names": "a,b", "column_1": .list([1])], "parameters.names: needs one non-empty name per column (1 columns, 2 names)"),
            (["names": "a,b", "column_1": .list([1]), "column_2": .list([1, 2])], "parameters.column_2: has 2 values, column_1 has 1"),
            (["names": "a,b", "column_1": .list([1]), "column_3": .list([1])], "parameters.column_2: is missing"),
            (["names": "a", "column_1": .list([1]), "output": "../x.csv"], "parameters.output: must be a plain file name"),
        ]
        for (p, expected) in cases {
            XCTAssertThrowsError(try TableJob().check(p)) { XCTAssertTrue("\($0)".contains(expected), "\($0)") }
        }
    }
}
