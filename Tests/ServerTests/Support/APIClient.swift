import AsyncHTTPClient
import Foundation
import XCTest

/// A small JSON client over AsyncHTTPClient's shared client (127.0.0.1 only).
struct APIClient: Sendable {
    let base: String
    let token: String?
    var client: HTTPClient = .shared

    /// One answer: status code, headers and body.
    struct Reply: Sendable {
        let status: Int
        let headers: [String: String]
        let body: Data

        /// The body as a JSON object (empty when it is not one).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
        var error: String? { json["error"] as? String }
        var field: String? { json["field"] as? String }
    }

    func get(_ path: String, token: String? = nil) async throws -> Reply {
        try await send("GET", path, body: nil, token: token)
    }

    func post(_ path: String, json: Any, token: String? = nil) async throws -> Reply {
        try await send("POST", path, body: try JSONSerialization.data(withJSONObject: json), token: token)
    }

    func post(_ path: String, raw: Data, token: String? = nil) async throws -> Reply {
        try await send("POST", path, body: raw, token: token)
    }

    func send(_ method: String, _ path: String, body: Data?, token: String? = nil) async throws -> Reply {
        precondition(base.hasPrefix("http://127.0.0.1:"), "tests talk to loopback only")
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let t = token ?? self.token { request.headers.add(name: "Authorization", value: "Bearer \(t)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body)
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for h in response.headers { headers[h.name.lowercased()] = h.value }
        return Reply(status: Int(response.status.code), headers: headers, body: Data(buffer.readableBytesView))
    }

    /// Polls a batch's status until it is no longer RUNNING (at most `timeout` seconds); returns the last status.
    func waitForBatch(_ id: Int, timeout: Double = 30) async throws -> [String: Any] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var last: [String: Any] = [:]
        for _ in 0..<10_000 where Date() < deadline {
            last = try await get("/api/v1/batch/batch/\(id)/status").json
            if let s = last["status"] as? String, s != "RUNNING" { return last }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTFail("batch \(id) still running after \(timeout) s: \(last)")
        return last
    }
}
