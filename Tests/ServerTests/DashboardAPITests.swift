import Batch
import Foundation
@testable import Server
import XCTest

/// The dashboard's JSON routes over real HTTP: the run overview, paged/filtered/sorted job lists and
/// their refusals, the aggregate table as JSON and CSV, and batch cancel/retry.
final class DashboardAPITests: XCTestCase {
    private let api = "/api/v1/batch"

    /// x ∈ {1, 2, 3} × fail ∈ {0, 1}: six jobs, the three with fail = 1 fail on their only attempt.
    private func submitMixed(_ c: APIClient) async throws -> Int {
        let r = try await c.post("\(api)/batch/submit", json: [
            "name": "mixed", "kind": "test", "max_retries": 0,
            "parameters": ["x": ["grid": [1, 2, 3]], "fail": ["grid": [0, 1]]],
        ])
        XCTAssertEqual(r.status, 201, "\(r.json)")
        return try XCTUnwrap(r.json["batch_id"] as? Int)
    }

    private func jobs(_ reply: APIClient.Reply) -> [[String: Any]] { reply.json["jobs"] as? [[String: Any]] ?? [] }

    func testOverviewHasCountsProgressRateAndStatuses() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let id = try await submitMixed(c)
            _ = try await c.waitForBatch(id)
            let o = try await c.get("\(api)/overview")
            XCTAssertEqual(o.status, 200)
            let batch = try XCTUnwrap((o.json["batches"] as? [[String: Any]])?.first)
            XCTAssertEqual(batch["batch_id"] as? Int, id)
            XCTAssertEqual(batch["status"] as? String, "PARTIALLY_FAILED")
            XCTAssertEqual(batch["total"] as? Int, 6)
            XCTAssertEqual(batch["counts"] as? [String: Int], ["COMPLETED": 3, "FAILED": 3])
            XCTAssertEqual(batch["progress_percent"] as? Double, 100)
            XCTAssertEqual(batch["eta_s"] as? Double, 0, "nothing left")
            XCTAssertGreaterThan(batch["jobs_per_s"] as? Double ?? 0, 0, "three completed within the window")
            XCTAssertEqual(o.json["statuses"] as? [String], JobStatus.allCases.map(\.rawValue))
            let pool = try XCTUnwrap(o.json["pool"] as? [String: Any])
            XCTAssertEqual(pool["completed"] as? Int, 3)
            XCTAssertNotNil(o.json["workers"] as? [Any])
        }
    }

    func testOverviewEstimatesTheTimeLeftFromTheRecentRate() async throws {
        // One worker, 0.3 s per job: while it runs, the rate is positive and the estimate finite and positive.
        try await TestServer.with(configure: { $0.workers = 1 }) { server in
            let c = server.client()
            let r = try await c.post("\(api)/batch/submit", json: [
                "kind": "test", "parameters": ["x": ["list": Array(0..<8)], "sleep": 0.3]])
            let id = try XCTUnwrap(r.json["batch_id"] as? Int)
            var estimate: Double?
            var workers: [[String: Any]] = []
            for _ in 0..<100 where estimate == nil {
                try await Task.sleep(nanoseconds: 100_000_000)
                let o = try await c.get("\(api)/overview").json
                let b = (o["batches"] as? [[String: Any]])?.first { $0["batch_id"] as? Int == id }
                if b?["status"] as? String == "RUNNING", (b?["counts"] as? [String: Int])?["COMPLETED"] ?? 0 >= 2 {
                    estimate = b?["eta_s"] as? Double
                    workers = o["workers"] as? [[String: Any]] ?? []
                }
            }
            let eta = try XCTUnwrap(estimate, "no estimate while the batch ran")
            XCTAssertGreaterThan(eta, 0)
            XCTAssertLessThan(eta, 60, "6 jobs of 0.3 s left at ≥ 0.1 jobs/s")
            XCTAssertEqual(workers.count, 1, "the server's pool is one live worker process")
            XCTAssertEqual(workers.first?["threads"] as? Int, 1)
            _ = try await c.post("\(api)/batch/\(id)/cancel", json: [:])
        }
    }

    func testOverviewHasWorkflowsWithTheirStagesAndNeeds() async throws {
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let text = """
                name: two
                stages:
                  first: {kind: test, parameters: {x: {list: [1, 2]}}}
                  second: {kind: test, needs: {stage: first, per_item: true}, parameters: {x: {list: [3, 4]}}}
                """
            let spec = try WorkflowSpec.parse(text)
            try server.server.store.submit(spec, text: text, registry: JobRegistry([TestJob()]))
            let o = try await server.client().get("\(api)/overview").json
            let workflow = try XCTUnwrap((o["workflows"] as? [[String: Any]])?.first)
            XCTAssertEqual(workflow["name"] as? String, "two")
            XCTAssertEqual(workflow["status"] as? String, "RUNNING")
            let stages = try XCTUnwrap(workflow["stages"] as? [[String: Any]])
            XCTAssertEqual(stages.map { $0["stage"] as? String }, ["first", "second"])
            XCTAssertEqual((stages[1]["needs"] as? [[String: Any]])?.first?["stage"] as? String, "first")
            XCTAssertEqual((stages[1]["needs"] as? [[String: Any]])?.first?["per_item"] as? Bool, true)
            XCTAssertEqual((stages[1]["batch"] as? [String: Any])?["counts"] as? [String: Int], ["WAITING": 2])
            XCTAssertEqual((o["batches"] as? [Any])?.count, 2, "each stage is one of the batches")
        }
    }

    func testJobPagesFilterSortAndPage() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let id = try await submitMixed(c)
            _ = try await c.waitForBatch(id)
            let base = "\(api)/batch/\(id)/jobs"

            let all = try await c.get(base)
            XCTAssertEqual(all.status, 200)
            XCTAssertEqual(all.json["total"] as? Int, 6)
            XCTAssertEqual(all.json["parameter_names"] as? [String], ["fail", "x"])
            XCTAssertEqual(jobs(all).map { $0["seq"] as? Int }, [0, 1, 2, 3, 4, 5])

            let failed = try await c.get("\(base)?status=FAILED")
            XCTAssertEqual(failed.json["total"] as? Int, 3)
            for job in jobs(failed) {
                XCTAssertEqual(job["status"] as? String, "FAILED")
                XCTAssertEqual(job["error"] as? String, "test failure")
                XCTAssertEqual(job["attempts"] as? Int, 1)
                XCTAssertEqual((job["parameters"] as? [String: Any])?["fail"] as? Double, 1)
            }
            let lower = try await c.get("\(base)?status=failed,completed")
            XCTAssertEqual(lower.json["total"] as? Int, 6, "statuses are case-insensitive and combine")

            let x2 = try await c.get("\(base)?p.x=2")
            XCTAssertEqual(x2.json["total"] as? Int, 2)
            XCTAssertEqual(Set(jobs(x2).map { ($0["parameters"] as? [String: Any])?["x"] as? Double }), [2])
            let x2ok = try await c.get("\(base)?p.x=2.0&status=COMPLETED")
            XCTAssertEqual(x2ok.json["total"] as? Int, 1, "numbers compare numerically")
            XCTAssertEqual((jobs(x2ok).first?["values"] as? [String: Any])?["value"] as? Double, 4)

            let byX = try await c.get("\(base)?sort=p.x&order=desc")
            XCTAssertEqual(jobs(byX).map { ($0["parameters"] as? [String: Any])?["x"] as? Double }, [3, 3, 2, 2, 1, 1])
            let byValue = try await c.get("\(base)?sort=r.value&order=desc&status=COMPLETED")
            XCTAssertEqual(jobs(byValue).map { ($0["values"] as? [String: Any])?["value"] as? Double }, [6, 4, 2])
            let byStatus = try await c.get("\(base)?sort=status")
            XCTAssertEqual(jobs(byStatus).map { $0["status"] as? String }, ["COMPLETED", "COMPLETED", "COMPLETED", "FAILED", "FAILED", "FAILED"])

            let page = try await c.get("\(base)?limit=2&offset=4")
            XCTAssertEqual(page.json["total"] as? Int, 6)
            XCTAssertEqual(page.json["offset"] as? Int, 4)
            XCTAssertEqual(jobs(page).map { $0["seq"] as? Int }, [4, 5])
            let beyond = try await c.get("\(base)?offset=6")
            XCTAssertEqual(beyond.json["total"] as? Int, 6)
            XCTAssertEqual(jobs(beyond).count, 0)
        }
    }

    func testJobPageRefusalsNameTheField() async throws {
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let c = server.client()
            let id = try await submitMixed(c)
            let base = "\(api)/batch/\(id)/jobs"
            let cases: [(String, String?)] = [
                ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset"),
                ("status=BOGUS", "status"), ("sort=p.nope", "sort"), ("sort=r.a%22b", "sort"), ("sort=bogus", "sort"),
                ("order=up", "order"), ("p.nope=1", "p.nope"), ("bogus=1", "bogus"),
            ]
            for (query, field) in cases {
                let r = try await c.get("\(base)?\(query)")
                XCTAssertEqual(r.status, 400, query)
                XCTAssertEqual(r.field, field, "\(query): \(r.json)")
            }
            let unknown = try await c.get("\(api)/batch/999/jobs")
            XCTAssertEqual(unknown.status, 404)
            let notAnID = try await c.get("\(api)/batch/abc/jobs")
            XCTAssertEqual(notAnID.status, 400)
        }
    }

    func testAggregateAsJSONAndCSV() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let id = try await submitMixed(c)
            _ = try await c.waitForBatch(id)
            let grouped = try await c.get("\(api)/batch/\(id)/aggregate?by=x&aggregate=mean,max")
            XCTAssertEqual(grouped.status, 200)
            XCTAssertEqual(grouped.json["header"] as? [String], ["x", "n", "value_mean", "value_max"])
            XCTAssertEqual(grouped.json["completed"] as? Int, 3)
            XCTAssertEqual(grouped.json["parameter_names"] as? [String], ["fail", "x"])
            let rows = try XCTUnwrap(grouped.json["rows"] as? [[Any]])
            XCTAssertEqual(rows.map { $0.compactMap { $0 as? Double } }, [[1, 1, 2, 2], [2, 1, 4, 4], [3, 1, 6, 6]])

            let csv = try await c.get("\(api)/batch/\(id)/aggregate?by=x&aggregate=mean,max&format=csv")
            XCTAssertEqual(csv.status, 200)
            XCTAssertEqual(csv.headers["content-type"], "text/csv; charset=utf-8")
            XCTAssertEqual(csv.headers["content-disposition"], "attachment; filename=\"batch-\(id)-aggregate.csv\"")
            XCTAssertEqual(String(decoding: csv.body, as: UTF8.self),
                           "x,n,value_mean,value_max\n1,1,2,2\n2,1,4,4\n3,1,6,6\n")

            let bad = try await c.get("\(api)/batch/\(id)/aggregate?by=nope")
            XCTAssertEqual(bad.status, 400)
            XCTAssertEqual(bad.field, "by")
            let format = try await c.get("\(api)/batch/\(id)/aggregate?format=xml")
            XCTAssertEqual(format.field, "format")
            let stat = try await c.get("\(api)/batch/\(id)/aggregate?aggregate=mode")
            XCTAssertEqual(stat.field, "aggregate")
            let missing = try await c.get("\(api)/batch/77/aggregate")
            XCTAssertEqual(missing.status, 404)
        }
    }

    func testCancelAndRetryABatch() async throws {
        // No workers: everything stays queued until cancelled.
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let c = server.client()
            let id = try await submitMixed(c)
            let cancel = try await c.post("\(api)/batch/\(id)/cancel", json: [:])
            XCTAssertEqual(cancel.status, 200)
            XCTAssertEqual(cancel.json["jobs"] as? Int, 6)
            XCTAssertEqual(cancel.json["action"] as? String, "cancel")
            let again = try await c.post("\(api)/batch/\(id)/cancel", json: [:])
            XCTAssertEqual(again.json["jobs"] as? Int, 0, "nothing left to cancel")
            let o = try await c.get("\(api)/overview").json
            XCTAssertEqual((o["batches"] as? [[String: Any]])?.first?["status"] as? String, "CANCELLED")
            let missing = try await c.post("\(api)/batch/42/cancel", json: [:])
            XCTAssertEqual(missing.status, 404)
        }
        try await TestServer.with { server in
            let c = server.client()
            let id = try await submitMixed(c)
            _ = try await c.waitForBatch(id)
            let retry = try await c.post("\(api)/batch/\(id)/retry", json: [:])
            XCTAssertEqual(retry.status, 200)
            XCTAssertEqual(retry.json["jobs"] as? Int, 3, "the three failed jobs are requeued")
            let status = try await c.waitForBatch(id)
            XCTAssertEqual((status["counts"] as? [String: Int])?["FAILED"], 3, "and fail again")
            XCTAssertEqual((status["counts"] as? [String: Int])?["COMPLETED"], 3)
            let missing = try await c.post("\(api)/batch/42/retry", json: [:])
            XCTAssertEqual(missing.status, 404)
        }
    }
}
