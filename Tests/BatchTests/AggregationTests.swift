import XCTest
@testable import Batch

/// Result aggregation against hand-computed values.
final class AggregationTests: XCTestCase {
    private func row(_ id: Int64, _ params: JobParameters, _ v: Double) -> ResultRow {
        ResultRow(jobID: id, batchID: 1, seq: Int(id) - 1, parameters: params, result: JobResult(values: ["v": .number(v)]))
    }

    func testStatisticsMatchHandValues() throws {
        let x = [4.0, 1, 3, 2]
        XCTAssertEqual(AggregateStatistic.mean.compute(x), 2.5)
        XCTAssertEqual(AggregateStatistic.std.compute(x), (5.0 / 3).squareRoot(), accuracy: 1e-15)   // Σ(x−2.5)² = 5, n−1 = 3
        XCTAssertEqual(AggregateStatistic.min.compute(x), 1)
        XCTAssertEqual(AggregateStatistic.max.compute(x), 4)
        XCTAssertEqual(try AggregateStatistic(parsing: "p50").compute(x), 2.5)
        XCTAssertEqual(try AggregateStatistic(parsing: "p5").compute(x), 1.15, accuracy: 1e-12)   // rank 0.15
        XCTAssertEqual(try AggregateStatistic(parsing: "p95").compute(x), 3.85, accuracy: 1e-12)
        XCTAssertTrue(AggregateStatistic.std.compute([7]).isNaN)
        XCTAssertThrowsError(try AggregateStatistic(parsing: "p120"))
        XCTAssertThrowsError(try AggregateStatistic(parsing: "avg"))
    }

    func testAggregateByParameter() throws {
        let rows = [row(1, ["a": 2, "b": "x"], 1), row(2, ["a": 10, "b": "x"], 5),
                    row(3, ["a": 2, "b": "y"], 3), row(4, ["a": 10, "b": "y"], 7)]
        let t = try ResultAggregation.aggregate(rows, statistics: [.mean, .min, .max], by: ["a"])
        XCTAssertEqual(t.header, ["a", "n", "v_mean", "v_min", "v_max"])
        XCTAssertEqual(t.rows, [["2", "2", "2", "1", "3"], ["10", "2", "6", "5", "7"]], "numeric group order")
        let all = try ResultAggregation.aggregate(rows, statistics: [.mean], by: [])
        XCTAssertEqual(all.rows, [["4", "4"]])
        XCTAssertThrowsError(try ResultAggregation.aggregate(rows, statistics: [.mean], by: ["c"])) {
            XCTAssertTrue("\($0)".hasPrefix("by: 'c': no such parameter"), "\($0)")
        }
    }

    func testPerJobTableAndQuoting() {
        var r = row(1, ["name": "a,b"], 1.5)
        r = ResultRow(jobID: 1, batchID: 1, seq: 0, parameters: r.parameters,
                      result: JobResult(values: ["v": 1.5, "name": "n"], outputs: ["o1", "o2"]))
        let t = ResultAggregation.table([r])
        XCTAssertEqual(t.text, "job_id,batch_id,seq,name,result.name,v,outputs\n1,1,0,\"a,b\",n,1.5,o1;o2\n")
    }
}
