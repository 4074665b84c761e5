import Batch
import Foundation
import TestSupport
import XCTest

/// The real `geotool serve` (with the CLI's job kinds) under hostile submits: parameter keys and values
/// that try to redirect outputs, paths out of the roots, and expansions sized to exhaust memory.
final class APISecurityTests: XCTestCase {
    private var run = "", data = "", outside = ""

    override func setUpWithError() throws {
        let base = try TestSupport.temporaryDirectory("api-security")
        run = base + "/run"
        data = base + "/data"
        outside = base + "/outside"
        for d in [run, data, outside] { try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true) }
        try FileManager.default.copyItem(atPath: TestSupport.fixture("dem_utm33n.tif"), toPath: data + "/dem.tif")
        try FileManager.default.createSymbolicLink(atPath: data + "/escape", withDestinationPath: outside)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: (run as NSString).deletingLastPathComponent)
    }

    private func plot(_ extra: [String: Any]) -> [String: Any] {
        ["kind": "plot", "isolation": "thread",
         "inputs": ["type": "map", "input": data + "/dem.tif", "width": 200, "height": 150].merging(extra) { $1 }]
    }

    func testInjectedKeysFlagsAndPathsAreRejectedAndNothingIsWrittenOutside() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "1", "--data-root", data])
        let c = server.client
        let target = outside + "/pwned.png"
        let attempts: [([String: Any], String)] = [
            (plot(["output=\(target)": "x"]), "inputs.output=\(target)"),
            (plot(["--output": target]), "inputs.--output"),
            (plot(["flags": "output=\(target)"]), "inputs.flags"),
            (plot(["flags": "hillshade,output"]), "inputs.flags"),
            (plot(["output": target]), "inputs.output"),
            (plot(["output": "../../outside/pwned.png"]), "inputs.output"),
            (plot(["output": ".hidden.png"]), "inputs.output"),
            (plot(["output": "x.tif"]), "inputs.output"),
            (plot(["input": "../../etc/passwd"]), "inputs.input"),
            (plot(["input": "/etc/passwd"]), "inputs.input"),
            (plot(["input": data + "/escape/dem.tif"]), "inputs.input"),
            (plot(["cmap": "viridis --output \(target)"]), "inputs.cmap"),
            (plot(["width": 1e12]), "inputs.width"),
            (plot(["type": "../map"]), "inputs.type"),
        ]
        for (spec, field) in attempts {
            let r = try await c.post("/api/v1/batch/batch/submit", json: spec)
            XCTAssertEqual(r.status, 400, "\(spec): \(r.json)")
            XCTAssertEqual(r.field, field, "\(spec): \(r.json)")
        }
        // A title that looks like an option is only a title: the PNG stays in the job's directory.
        let ok = try await c.post("/api/v1/batch/batch/submit", json: plot(["title": "--output=\(target)", "output": "m.png"]))
        XCTAssertEqual(ok.status, 201, "\(ok.json)")
        let id = try XCTUnwrap(ok.json["batch_id"] as? Int)
        let status = try await c.waitForBatch(id, timeout: 60)
        XCTAssertEqual(status["status"] as? String, "COMPLETED", "\(status)")
        let job = try XCTUnwrap((status["job_statuses"] as? [[String: Any]])?.first?["job_id"] as? Int)
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(run)/outputs/\(job)/m.png"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside), [], "nothing written outside the run directory")
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }

    func testOversizedExpansionsAreRefusedFastWithoutGrowingTheServer() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "0"])
        let c = server.client
        _ = try await c.get("/api/v1/batch/pool/stats")
        let before = try residentBytes(server.process.processIdentifier)
        let axis: [String: Any] = ["sweep": ["start": 0, "stop": 1, "num": 1000]]
        let specs: [[String: Any]] = [
            ["kind": "synthetic", "max_jobs": 1_000_000_000_000, "parameters": ["a": axis, "b": axis, "c": axis]],
            ["kind": "synthetic", "max_jobs": 1_000_000_000_000, "monte_carlo": ["n": 100_000_000],
             "parameters": ["k": ["monte_carlo": ["distribution": "uniform", "low": 0, "high": 1]]]],
            ["kind": "synthetic", "max_jobs": 1_000_000_000_000,
             "parameters": ["a": ["sweep": ["start": 0, "stop": 1, "num": 999_999_999_999]]]],
            ["kind": "synthetic", "max_jobs": 1_000_000_000_000, "seeds_per_combination": 999_999_999_999,
             "parameters": ["a": axis, "b": axis, "c": axis, "d": axis, "e": axis, "f": axis, "g": axis]],
            ["kind": "synthetic", "max_jobs": 1_000_000_000_000,
             "parameters": ["a": ["sweep": ["start": 0, "stop": 1e300, "step": 1e-300]]]],
        ]
        for spec in specs {
            let started = Date()
            let r = try await c.post("/api/v1/batch/batch/submit", json: spec)
            XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "answered within 1 s")
            XCTAssertEqual(r.status, 400, "\(r.json)")
        }
        let after = try residentBytes(server.process.processIdentifier)
        XCTAssertLessThan(after - before, 64 << 20, "RSS \(before) → \(after)")
        let stats = try await c.get("/api/v1/batch/pool/stats").json
        XCTAssertEqual(stats["queued"] as? Int, 0, "nothing was stored")
        // At the cap exactly, a submit is accepted and streamed into the store.
        let small = try await c.post("/api/v1/batch/batch/submit", json: [
            "kind": "synthetic", "max_jobs": 1000, "parameters": ["a": ["sweep": ["start": 0, "stop": 1, "num": 1000]]]])
        XCTAssertEqual(small.status, 201, "\(small.json)")
        XCTAssertEqual(server.stop(SIGTERM, timeout: 10), 0, "SIGTERM is honoured")
    }

    func testTheCapIsTheServersToSet() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "0", "--max-jobs-per-request", "10"])
        let r = try await server.client.post("/api/v1/batch/batch/submit", json: [
            "kind": "synthetic", "max_jobs": 100, "parameters": ["a": ["list": Array(0..<11)]]])
        XCTAssertEqual(r.status, 400)
        XCTAssertEqual(r.field, "max_jobs")
        XCTAssertTrue((r.json["error"] as? String ?? "").contains("11 jobs"), "\(r.json)")
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }

    func testStatusCarriesTheSeedsFields() async throws {
        let server = try ServeProcess(runDirectory: run, extra: ["--jobs", "1"])
        let r = try await server.client.post("/api/v1/batch/batch/submit", json: [
            "kind": "synthetic", "isolation": "thread", "parameters": ["x": ["list": [1, 2, 3]], "fail": ["list": [0, 0, 1]]]])
        let id = try XCTUnwrap(r.json["batch_id"] as? Int)
        let status = try await server.client.waitForBatch(id, timeout: 30)
        XCTAssertEqual(status["total_jobs"] as? Int, 3)
        XCTAssertEqual(status["completed"] as? Int, 2)
        XCTAssertEqual(status["failed"] as? Int, 1)
        XCTAssertEqual(status["running"] as? Int, 0)
        XCTAssertEqual(status["queued"] as? Int, 0)
        XCTAssertEqual(status["progress_percent"] as? Double, 100)
        XCTAssertEqual((status["job_statuses"] as? [Any])?.count, 3)
        XCTAssertEqual(server.stop(SIGTERM), 0)
    }

    private func residentBytes(_ pid: Int32) throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("VmRSS:") })
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }
}
