import Batch
import Foundation
@testable import Server
import XCTest

/// Every endpoint over real HTTP on 127.0.0.1 (in-process server, random free port).
final class BatchAPITests: XCTestCase {
    private let api = "/api/v1/batch"

    func testHealthAndPoolStats() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let health = try await c.get("/health")
            XCTAssertEqual(health.status, 200)
            XCTAssertEqual(health.json["status"] as? String, "ok")
            let stats = try await c.get("\(api)/pool/stats")
            XCTAssertEqual(stats.status, 200)
            XCTAssertEqual(stats.json["server_workers"] as? Int, 2)
            XCTAssertEqual(stats.json["queued"] as? Int, 0)
            XCTAssertEqual(stats.headers["content-type"], "application/json; charset=utf-8")
        }
    }

    func testSubmitRunsBatchWithStatusResultsAndJobStatus() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let submit = try await c.post("\(api)/batch/submit", json: [
                "name": "sweep", "kind": "test", "inputs": ["y": 1],
                "parameters": ["x": ["sweep": ["start": 0, "stop": 4, "num": 5]]],
            ])
            XCTAssertEqual(submit.status, 201, "\(submit.json)")
            XCTAssertEqual(submit.json["jobs"] as? Int, 5)
            let id = try XCTUnwrap(submit.json["batch_id"] as? Int)
            XCTAssertEqual(submit.json["status_url"] as? String, "\(api)/batch/\(id)/status")

            let status = try await c.waitForBatch(id)
            XCTAssertEqual(status["status"] as? String, "COMPLETED")
            XCTAssertEqual(status["progress_percent"] as? Double, 100)
            XCTAssertEqual((status["counts"] as? [String: Int])?["COMPLETED"], 5)
            let jobs = try XCTUnwrap(status["job_statuses"] as? [[String: Any]])
            XCTAssertEqual(jobs.map { $0["seq"] as? Int }, [0, 1, 2, 3, 4])

            let results = try await c.get("\(api)/batch/\(id)/results").json
            XCTAssertEqual(results["completed"] as? Int, 5)
            let aggregate = try XCTUnwrap((results["aggregates"] as? [[String: Any]])?.first)
            XCTAssertEqual(aggregate["n"] as? Int, 5)
            XCTAssertEqual(aggregate["value_mean"] as? Double, 5)   // mean of 2x + 1 over x = 0…4
            XCTAssertEqual(aggregate["value_max"] as? Double, 9)

            let grouped = try await c.get("\(api)/batch/\(id)/results?aggregate=mean,p50&by=x").json
            XCTAssertEqual((grouped["aggregates"] as? [Any])?.count, 5)
            XCTAssertEqual(grouped["statistics"] as? [String], ["mean", "p50"])

            let jobID = try XCTUnwrap(jobs.first?["job_id"] as? Int)
            let job = try await c.get("\(api)/jobs/\(jobID)/status")
            XCTAssertEqual(job.status, 200)
            XCTAssertEqual(job.json["status"] as? String, "COMPLETED")
            XCTAssertEqual((job.json["result"] as? [String: Any]).flatMap { $0["values"] as? [String: Any] }?["value"] as? Double, 1)

            let stats = try await c.get("\(api)/pool/stats").json
            XCTAssertEqual(stats["completed"] as? Int, 5)
        }
    }

    func testResultsRejectUnknownStatisticAndGrouping() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let submitted = try await c.post("\(api)/batch/submit", json: ["kind": "test", "parameters": ["x": ["list": [1, 2]]]])
            let id = try XCTUnwrap(submitted.json["batch_id"] as? Int)
            _ = try await c.waitForBatch(id)
            let statistic = try await c.get("\(api)/batch/\(id)/results?aggregate=mode")
            XCTAssertEqual(statistic.status, 400)
            XCTAssertEqual(statistic.field, "aggregate")
            let grouping = try await c.get("\(api)/batch/\(id)/results?by=nope")
            XCTAssertEqual(grouping.status, 400)
            XCTAssertEqual(grouping.field, "by")
        }
    }

    func testCancelQueuedJobThenConflict() async throws {
        // API only (no workers): jobs stay queued.
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let c = server.client()
            let submit = try await c.post("\(api)/batch/submit", json: ["kind": "test", "parameters": ["x": ["grid": [1, 2, 3]]]])
            let id = try XCTUnwrap(submit.json["batch_id"] as? Int)
            let queued = try await c.get("\(api)/batch/\(id)/status").json["job_statuses"] as? [[String: Any]]
            let first = try XCTUnwrap(queued?.first?["job_id"] as? Int)
            let cancel = try await c.post("\(api)/jobs/\(first)/cancel", json: [String: Any]())
            XCTAssertEqual(cancel.status, 200)
            XCTAssertEqual(cancel.json["status"] as? String, "CANCELLED")
            XCTAssertEqual(cancel.json["cancelled"] as? Bool, true)
            let again = try await c.post("\(api)/jobs/\(first)/cancel", json: [String: Any]())
            XCTAssertEqual(again.status, 409)
            let status = try await c.get("\(api)/batch/\(id)/status").json
            XCTAssertEqual((status["counts"] as? [String: Int])?["QUEUED"], 2)
            XCTAssertEqual((status["counts"] as? [String: Int])?["CANCELLED"], 1)
        }
    }

    func testPoolJobsListsRunningJobAndCancelStopsIt() async throws {
        try await TestServer.with(configure: { $0.workers = 1 }) { server in
            let c = server.client()
            let submitted = try await c.post("\(api)/batch/submit", json: ["kind": "test", "inputs": ["sleep": 20]])
            let id = try XCTUnwrap(submitted.json["batch_id"] as? Int)
            var running: [[String: Any]] = []
            for _ in 0..<200 where running.isEmpty {
                running = try await c.get("\(api)/pool/jobs").json["jobs"] as? [[String: Any]] ?? []
                if running.isEmpty { try await Task.sleep(nanoseconds: 50_000_000) }
            }
            XCTAssertEqual(running.count, 1)
            XCTAssertEqual(running.first?["batch_id"] as? Int, id)
            XCTAssertNotNil(running.first?["worker"] as? String)
            let jobID = try XCTUnwrap(running.first?["job_id"] as? Int)
            let cancel = try await c.post("\(api)/jobs/\(jobID)/cancel", json: [String: Any]())
            XCTAssertEqual(cancel.status, 200)
            let status = try await c.waitForBatch(id, timeout: 10)
            XCTAssertEqual(status["status"] as? String, "CANCELLED")
        }
    }

    func testUnknownIdsAndRoutesAre404AndBadIdsAre400() async throws {
        try await TestServer.with { server in
            let c = server.client()
            for path in ["\(api)/batch/999/status", "\(api)/batch/999/results", "\(api)/jobs/999/status", "\(api)/nothing"] {
                let r = try await c.get(path)
                XCTAssertEqual(r.status, 404, path)
                XCTAssertNotNil(r.error, path)
            }
            let cancel = try await c.post("\(api)/jobs/999/cancel", json: [String: Any]())
            XCTAssertEqual(cancel.status, 404)
            let bad = try await c.get("\(api)/batch/abc/status")
            XCTAssertEqual(bad.status, 400)
            XCTAssertEqual(bad.field, "batch_id")
        }
    }

    func testParallelSimulationsIs501WithoutTheErosionKind() async throws {
        try await TestServer.with { server in
            let r = try await server.client().post("\(api)/simulations/parallel", json: ["dem": "dem.tif", "scenarios": [["rainfall": 1]]])
            XCTAssertEqual(r.status, 501)
            XCTAssertTrue(r.error?.contains("erosion-scenario") ?? false, "\(r.json)")
        }
    }

    func testParallelSimulationsSubmitsOneJobPerScenario() async throws {
        let registry = JobRegistry([TestJob(), FakeErosionJob()])
        try await TestServer.with(registry: registry, configure: { $0.dataRoots = [FileManager.default.temporaryDirectory.path] }) { server in
            let c = server.client()
            let dem = server.runDirectory + "/dem.tif"
            let r = try await c.post("\(api)/simulations/parallel", json: [
                "dem": dem, "scenarios": [["name": "dry", "rainfall": 500], ["name": "wet", "rainfall": 1500]],
            ])
            XCTAssertEqual(r.status, 201, "\(r.json)")
            XCTAssertEqual(r.json["kind"] as? String, "erosion-scenario")
            XCTAssertEqual(r.json["jobs"] as? Int, 2)
            let id = try XCTUnwrap(r.json["batch_id"] as? Int)
            _ = try await c.waitForBatch(id)
            let results = try await c.get("\(api)/batch/\(id)/results?by=name").json["aggregates"] as? [[String: Any]]
            XCTAssertEqual(results?.map { $0["soil_loss_mean"] as? Double }, [500, 1500])

            let mismatched = try await c.post("\(api)/simulations/parallel", json: ["dem": dem, "scenarios": [["rainfall": 1], ["cover": 2]]])
            XCTAssertEqual(mismatched.status, 400)
            XCTAssertEqual(mismatched.field, "scenarios[1]")
            let outside = try await c.post("\(api)/simulations/parallel", json: ["dem": "/etc/passwd", "scenarios": [["rainfall": 1]]])
            XCTAssertEqual(outside.status, 400)
            XCTAssertEqual(outside.field, "inputs.dem")
        }
    }
}
