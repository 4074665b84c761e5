import Foundation
@testable import Server
import XCTest

/// Hostile bodies: malformed JSON, wrong types, huge bodies, path traversal → 4xx naming the field,
/// and the server stays healthy.
final class JSONRequestBodyTests: XCTestCase {
    private let submit = "/api/v1/batch/batch/submit"

    func testMalformedAndNonObjectBodiesAre400() async throws {
        try await TestServer.with { server in
            let c = server.client()
            for raw in ["{\"kind\": ", "not json", "[1, 2]", "", "{\"kind\" \"test\"}", "{\"kind\": 'test'}"] {
                let r = try await c.post(submit, raw: Data(raw.utf8))
                XCTAssertEqual(r.status, 400, raw)
                XCTAssertNotNil(r.error, raw)
            }
            let invalidUTF8 = try await c.post(submit, raw: Data([0x7B, 0xFF, 0xFE, 0x7D]))
            XCTAssertEqual(invalidUTF8.status, 400)
            try await assertHealthy(c)
        }
    }

    func testWrongTypesAndInvalidValuesNameTheField() async throws {
        try await TestServer.with { server in
            let c = server.client()
            let cases: [(Any, String)] = [
                (["kind": 5], "kind"),
                (["name": "x"], "kind"),
                (["kind": "nope"], "kind"),
                (["kind": "test", "parameters": ["x": ["sweep": ["start": 0, "stop": 1, "num": 0]]]], "parameters.x.sweep.num"),
                (["kind": "test", "parameters": ["x": ["sweep": ["start": 0, "stop": 1, "num": "many"]]]], "parameters.x.sweep.num"),
                (["kind": "test", "parameters": ["x": ["list": "abc"]]], "parameters.x.list"),
                (["kind": "test", "parameters": ["x": ["sweep": ["start": 0, "stop": 1, "nmu": 3]]]], "parameters.x.sweep.nmu"),
                (["kind": "test", "max_retries": -1], "max_retries"),
                (["kind": "test", "parameters": ["x": "abc"]], "parameters.x"),   // the kind's own validation
                (["kind": "test", "priority": ["a": 1]], "priority"),
            ]
            for (body, field) in cases {
                let r = try await c.post(submit, json: body)
                XCTAssertEqual(r.status, 400, "\(body)")
                XCTAssertEqual(r.field, field, "\(body) → \(r.json)")
            }
            let stats = try await c.get("/api/v1/batch/pool/stats").json
            XCTAssertEqual(stats["queued"] as? Int, 0, "nothing invalid was stored")
            try await assertHealthy(c)
        }
    }

    func testHugeBodyIs413AndServerStaysHealthy() async throws {
        try await TestServer.with(configure: { $0.bodyLimit = 64 << 10 }) { server in
            let c = server.client()
            let padding = String(repeating: "a", count: 2 << 20)
            let r = try await c.post(submit, json: ["kind": "test", "inputs": ["pad": padding]])
            XCTAssertEqual(r.status, 413)
            XCTAssertNotNil(r.error)
            let small = try await c.post(submit, json: ["kind": "test", "inputs": ["pad": String(repeating: "a", count: 1000)]])
            XCTAssertEqual(small.status, 201)
            try await assertHealthy(c)
        }
    }

    func testPathTraversalInFileParametersIs400() async throws {
        try await TestServer.with(configure: { $0.workers = 0; $0.dataRoots = [] }) { server in
            let c = server.client()
            let cases: [(Any, String)] = [
                (["kind": "test", "inputs": ["raster": "../../etc/passwd"]], "inputs.raster"),
                (["kind": "test", "inputs": ["dem": "/etc/passwd"]], "inputs.dem"),
                (["kind": "test", "inputs": ["anything": "\(server.runDirectory)/../../etc/passwd"]], "inputs.anything"),
                (["kind": "test", "parameters": ["file": ["list": ["\(server.runDirectory)/a.tif", "/etc/shadow"]]]], "parameters.file.list[1]"),
                (["kind": "test", "parameters": ["mask_path": ["grid": [".."]]]], "parameters.mask_path.grid[0]"),
            ]
            for (body, field) in cases {
                let r = try await c.post(submit, json: body)
                XCTAssertEqual(r.status, 400, "\(body)")
                XCTAssertEqual(r.field, field, "\(body) → \(r.json)")
            }
            let inside = try await c.post(submit, json: ["kind": "test", "inputs": ["raster": "\(server.runDirectory)/in/dem.tif"]])
            XCTAssertEqual(inside.status, 201, "\(inside.json)")
            try await assertHealthy(c)
        }
    }

    private func assertHealthy(_ c: APIClient, file: StaticString = #filePath, line: UInt = #line) async throws {
        let r = try await c.get("/health")
        XCTAssertEqual(r.status, 200, file: file, line: line)
    }
}
