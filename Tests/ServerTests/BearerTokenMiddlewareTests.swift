@testable import Server
import XCTest

/// Bearer-token auth: on every route but /health when configured, off otherwise.
final class BearerTokenMiddlewareTests: XCTestCase {
    func testTokenComparison() {
        let token = BearerToken(value: "s3cret")
        XCTAssertTrue(token.accepts(authorization: "Bearer s3cret"))
        XCTAssertFalse(token.accepts(authorization: "Bearer s3cre"))
        XCTAssertFalse(token.accepts(authorization: "Bearer s3cretX"))
        XCTAssertFalse(token.accepts(authorization: "Basic s3cret"))
        XCTAssertFalse(token.accepts(authorization: nil))
        XCTAssertFalse(BearerToken(value: "").accepts(authorization: "Bearer "))
    }

    func testTokenRequiredExceptOnHealth() async throws {
        try await TestServer.with(configure: { $0.token = "s3cret" }) { server in
            let anonymous = server.client()
            let health = try await anonymous.get("/health")
            XCTAssertEqual(health.status, 200)
            let denied = try await anonymous.get("/api/v1/batch/pool/stats")
            XCTAssertEqual(denied.status, 401)
            XCTAssertEqual(denied.headers["www-authenticate"], "Bearer")
            XCTAssertNotNil(denied.error)
            let submit = try await anonymous.post("/api/v1/batch/batch/submit", json: ["kind": "test"])
            XCTAssertEqual(submit.status, 401)
            let document = try await anonymous.get("/openapi.json")
            XCTAssertEqual(document.status, 401)
            let wrong = try await server.client(token: "wrong").get("/api/v1/batch/pool/stats")
            XCTAssertEqual(wrong.status, 401)
            let allowed = server.client(token: "s3cret")
            let stats = try await allowed.get("/api/v1/batch/pool/stats")
            XCTAssertEqual(stats.status, 200)
            let submitted = try await allowed.post("/api/v1/batch/batch/submit", json: ["kind": "test"])
            XCTAssertEqual(submitted.status, 201)
        }
    }

    func testNoTokenConfiguredMeansOpen() async throws {
        try await TestServer.with { server in
            let plain = try await server.client().get("/api/v1/batch/pool/stats")
            XCTAssertEqual(plain.status, 200)
            let anyToken = try await server.client(token: "anything").get("/api/v1/batch/pool/jobs")
            XCTAssertEqual(anyToken.status, 200)
        }
    }
}
