import Foundation
@testable import Server
import TestSupport
import XCTest

/// The served document equals the committed docs/openapi.json, and documents exactly the routes.
final class OpenAPIDocumentTests: XCTestCase {
    func testServedDocumentEqualsCommittedCopy() async throws {
        let committed = try Data(contentsOf: TestSupport.repoRoot.appendingPathComponent("docs/openapi.json"))
        try await TestServer.with { server in
            let served = try await server.client().get("/openapi.json")
            XCTAssertEqual(served.status, 200)
            XCTAssertEqual(served.body, committed, "docs/openapi.json is stale: regenerate with `geotool serve --print-openapi > docs/openapi.json`")
        }
    }

    func testEveryRouteIsDocumentedAndNothingElse() throws {
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: OpenAPIDocument.data) as? [String: Any])
        XCTAssertEqual(document["openapi"] as? String, "3.0.3")
        let paths = try XCTUnwrap(document["paths"] as? [String: [String: Any]])
        var documented = Set<String>()
        for (path, operations) in paths { for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") } }
        let routes = Set(APIRoute.allCases.map { "\($0.methodName) \($0.path)" })
        XCTAssertEqual(documented, routes)
        for route in APIRoute.allCases {
            let op = try XCTUnwrap(paths[route.path]?[route.methodName.lowercased()] as? [String: Any])
            let params = (op["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "path" }
            XCTAssertEqual(params.compactMap { $0["name"] as? String }, route.pathParameters, route.path)
        }
    }

    func testEveryDocumentedRouteIsServed() async throws {
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let c = server.client()
            for route in APIRoute.allCases {
                let path = route.path.replacingOccurrences(of: "{batch_id}", with: "1").replacingOccurrences(of: "{job_id}", with: "1")
                let r = try await c.send(route.methodName, path, body: route.methodName == "POST" ? Data("{}".utf8) : nil)
                XCTAssertFalse(r.error?.hasPrefix("no route") ?? false, "\(route.methodName) \(path) is not routed")
                XCTAssertNotEqual(r.status, 405, path)
            }
        }
    }
}
