import Batch
import Foundation
import TestSupport
import XCTest

/// The built `geotool serve` as a child process: SIGKILL mid-batch then restart loses nothing;
/// SIGTERM releases running jobs; the CLI works the same run directory at the same time.
final class ServeProcessTests: XCTestCase {
    private var run = ""

    override func setUpWithError() throws {
        run = FileManager.default.temporaryDirectory.appendingPathComponent("serve-proc-\(UUID().uuidString)").path
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: run)
    }

    func testKilledMidBatchThenRestartedCompletesWithNothingLost() async throws {
        let first = try ServeProcess(runDirectory: run, extra: ["--jobs", "2"])
        let submit = try await first.client.post("/api/v1/batch/batch/submit", json: [
            "kind": "synthetic", "isolation": "thread",
            "parameters": ["x": ["sweep": ["start": 0, "stop": 19, "num": 20]], "sleep": 0.25],
        ])
        XCTAssertEqual(submit.status, 201, "\(submit.json)")
        let id = try XCTUnwrap(submit.json["batch_id"] as? Int)
        var completed = 0
        for _ in 0..<400 where completed < 3 {
            let counts = try await first.client.get("/api/v1/batch/batch/\(id)/status").json["counts"] as? [String: Int]
            completed = counts?["COMPLETED"] ?? 0
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        XCTAssertGreaterThanOrEqual(completed, 3)
        XCTAssertLessThan(completed, 20, "killed mid-batch")
        first.stop(SIGKILL)

        let second = try ServeProcess(runDirectory: run, extra: ["--jobs", "2"])
        let status = try await second.client.waitForBatch(id, timeout: 60)
        XCTAssertEqual(status["status"] as? String, "COMPLETED")
        XCTAssertEqual((status["counts"] as? [String: Int])?["COMPLETED"], 20)
        let results = try await second.client.get("/api/v1/batch/batch/\(id)/results").json["results"] as? [[String: Any]] ?? []
        XCTAssertEqual(results.compactMap { $0["seq"] as? Int }.sorted(), Array(0..<20), "each job completed exactly once")
        for r in results {
            let x = (r["parameters"] as? [String: Any])?["x"] as? Double
            XCTAssertEqual((r["values"] as? [String: Any])?["value"] as? Double, x)
        }
        XCTAssertEqual(second.stop(SIGTERM), 0)
    }

    func testSigtermReleasesRunningJobsToTheQueue() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "2", "--shutdown-grace", "0.5"])
        let submit = try await server.client.post("/api/v1/batch/batch/submit", json: [
            "kind": "synthetic", "isolation": "thread", "parameters": ["x": ["list": [1, 2]], "sleep": 60],
        ])
        let id = try XCTUnwrap(submit.json["batch_id"] as? Int)
        var running = 0
        for _ in 0..<400 where running < 2 {
            running = (try await server.client.get("/api/v1/batch/pool/jobs").json["count"] as? Int) ?? 0
            try await Task.sleep(nanoseconds: 25_000_000)
        }
        XCTAssertEqual(running, 2)
        XCTAssertEqual(server.stop(SIGTERM, timeout: 20), 0, server.stderr)
        let jobs = try JobStore(runDirectory: run).jobs(batchID: Int64(id))
        XCTAssertEqual(jobs.map(\.status), [.queued, .queued], "released, not lost or failed")
        XCTAssertEqual(jobs.map(\.attempts), [0, 0], "the interrupted attempt does not count")
    }

    func testCLIAndServerShareTheRunDirectory() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "1"])
        let spec = run + "/cli.yaml"
        try "kind: synthetic\nisolation: thread\nparameters:\n  x: {list: [1, 2, 3]}\n".write(toFile: spec, atomically: true, encoding: .utf8)
        let submitted = try TestSupport.geotool(["batch", "submit", spec, "--run-dir", run])
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        let status = try await server.client.waitForBatch(1, timeout: 30)
        XCTAssertEqual(status["status"] as? String, "COMPLETED", "the server ran the CLI's batch")
        let cli = try TestSupport.geotool(["batch", "status", run, "--json"])
        XCTAssertEqual(cli.status, 0, cli.stderr)
        XCTAssertTrue(cli.stdout.contains("COMPLETED"))
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }

    func testTokenFileProtectsEverythingButHealth() async throws {
        try FileManager.default.createDirectory(atPath: run, withIntermediateDirectories: true)
        let empty = run + "/empty.token", token = run + "/api.token"
        try "  \n".write(toFile: empty, atomically: true, encoding: .utf8)
        let refused = try TestSupport.geotool(["serve", "--run-dir", run, "--port", "0", "--token-file", empty])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.stderr.contains("empty"), refused.stderr)

        try "t0ken\n".write(toFile: token, atomically: true, encoding: .utf8)
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "0", "--token-file", token])
        let health = try await server.client.get("/health")
        XCTAssertEqual(health.status, 200)
        let anonymous = try await server.client.get("/api/v1/batch/pool/stats")
        XCTAssertEqual(anonymous.status, 401)
        let authorized = try await server.client.get("/api/v1/batch/pool/stats", token: "t0ken")
        XCTAssertEqual(authorized.status, 200)
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }

    func testErosionShortcutRunsRealScenariosOnTheFixtureDEM() async throws {
        let dem = TestSupport.fixture("dem_utm33n.tif")
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "2", "--data-root", TestSupport.fixture("")])
        let c = server.client
        let r = try await c.post("/api/v1/batch/simulations/parallel", json: [
            "dem": dem, "scenarios": [["name": "baseline", "R": 500], ["name": "wet", "R": 1000]],
        ])
        XCTAssertEqual(r.status, 201, "\(r.json)")
        let id = try XCTUnwrap(r.json["batch_id"] as? Int)
        let status = try await c.waitForBatch(id, timeout: 60)
        XCTAssertEqual(status["status"] as? String, "COMPLETED", "\(status)")
        let results = try await c.get("/api/v1/batch/batch/\(id)/results").json["results"] as? [[String: Any]] ?? []
        let mean = { (name: String) -> Double? in
            let values = results.first { ($0["parameters"] as? [String: Any])?["name"] as? String == name }?["values"] as? [String: Any]
            return values?["mean_t_ha_yr"] as? Double
        }
        let baseline = try XCTUnwrap(mean("baseline")), wet = try XCTUnwrap(mean("wet"))
        XCTAssertGreaterThan(baseline, 0)
        XCTAssertEqual(wet, 2 * baseline, accuracy: 1e-4 * wet, "soil loss is linear in R")
        // The seed's key names are checked against the job kind at submit: 400 naming the parameter.
        let unknown = try await c.post("/api/v1/batch/simulations/parallel", json: ["dem": dem, "scenarios": [["rainfall": 1]]])
        XCTAssertEqual(unknown.status, 400, "\(unknown.json)")
        XCTAssertEqual(unknown.field, "parameters.rainfall")
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }
}
