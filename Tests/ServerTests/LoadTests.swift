import AsyncHTTPClient
import Foundation
@testable import Server
import XCTest

/// Bounded load: 2,000 batch-status requests from 16 concurrent connections to 127.0.0.1, under
/// 30 s, no errors. Against the in-process (debug) server by default; set GEOTOOL_SERVE_URL
/// (http://127.0.0.1:PORT, a running release `geotool serve`) to measure that one instead — the
/// figures in docs/PERFORMANCE.md come from there. GEOTOOL_SERVE_LOAD_REPORT names a file to
/// write the figures to.
final class LoadTests: XCTestCase {
    static let requests = 2_000
    static let connections = 16

    func testStatusRequestsUnderLoad() async throws {
        if let url = ProcessInfo.processInfo.environment["GEOTOOL_SERVE_URL"] {
            try await measure(APIClient(base: url, token: nil), kind: "synthetic")
        } else {
            try await TestServer.with { server in try await measure(server.client(), kind: "test") }
        }
    }

    private func measure(_ base: APIClient, kind: String) async throws {
        let submit = try await base.post("/api/v1/batch/batch/submit", json: [
            "kind": kind, "isolation": "thread", "parameters": ["x": ["sweep": ["start": 0, "stop": 9, "num": 10]]],
        ])
        let id = try XCTUnwrap(submit.json["batch_id"] as? Int, "\(submit.json)")
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = Self.connections
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let client = APIClient(base: base.base, token: base.token, client: http)
        let started = Date()
        let perConnection = Self.requests / Self.connections
        let outcomes = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for _ in 0..<Self.connections {
                group.addTask {
                    var latencies: [Double] = [], errors = 0
                    latencies.reserveCapacity(perConnection)
                    for _ in 0..<perConnection where Date().timeIntervalSince(started) < 30 {
                        let t0 = Date()
                        let r = try? await client.get("/api/v1/batch/batch/\(id)/status")
                        latencies.append(Date().timeIntervalSince(t0))
                        if r?.status != 200 { errors += 1 }
                    }
                    return (latencies, errors)
                }
            }
            var all: [([Double], Int)] = []
            for try await o in group { all.append(o) }
            return all
        }
        let elapsed = Date().timeIntervalSince(started)
        try await http.shutdown()
        let latencies = outcomes.flatMap(\.0).sorted(), errors = outcomes.map(\.1).reduce(0, +)
        XCTAssertEqual(latencies.count, Self.requests, "every request was sent within 30 s")
        XCTAssertEqual(errors, 0)
        XCTAssertLessThan(elapsed, 30)
        let p99 = latencies[min(latencies.count - 1, Int((Double(latencies.count) * 0.99).rounded(.up)) - 1)]
        let p50 = latencies[latencies.count / 2]
        let report = String(format: "%d requests, %d connections: %.2f s, %.0f requests/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                            latencies.count, Self.connections, elapsed, Double(latencies.count) / elapsed, p50 * 1000, p99 * 1000, errors)
        print("serve load: \(report)")
        if let file = ProcessInfo.processInfo.environment["GEOTOOL_SERVE_LOAD_REPORT"] {
            try (report + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        }
    }
}
