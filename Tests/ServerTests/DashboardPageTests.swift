import Batch
import Foundation
@testable import Server
import XCTest

/// The dashboard's page and assets: served by the server itself, open without the token (they hold
/// no data) while every API call needs it, with a same-origin-only content security policy, referring
/// to nothing outside the server; and the page weight of a 100,000-job run.
final class DashboardPageTests: XCTestCase {
    private let assetPaths = ["/", "/dashboard/app.js", "/dashboard/app.css", "/dashboard/icon.svg"]

    func testAssetsAreOpenAndTheAPIStillNeedsTheToken() async throws {
        try await TestServer.with(configure: { $0.token = "s3cret"; $0.workers = 0 }) { server in
            let anonymous = server.client()
            for path in assetPaths {
                let r = try await anonymous.get(path)
                XCTAssertEqual(r.status, 200, path)
                XCTAssertEqual(r.headers["x-content-type-options"], "nosniff", path)
                XCTAssertTrue(r.headers["content-security-policy"]?.contains("default-src 'none'") ?? false, path)
                XCTAssertFalse(r.body.isEmpty, path)
            }
            let page = try await anonymous.get("/")
            XCTAssertEqual(page.headers["content-type"], "text/html; charset=utf-8")
            for path in ["/api/v1/batch/overview", "/api/v1/batch/batch/1/jobs", "/api/v1/batch/jobs/1/outputs",
                         "/api/v1/batch/jobs/1/output?name=a", "/api/v1/batch/jobs/1/quicklook?name=a.tif",
                         "/api/v1/batch/batch/1/aggregate"] {
                let r = try await anonymous.get(path)
                XCTAssertEqual(r.status, 401, path)
                XCTAssertEqual(r.headers["www-authenticate"], "Bearer", path)
            }
            for path in ["/api/v1/batch/batch/1/cancel", "/api/v1/batch/batch/1/retry"] {
                let r = try await anonymous.post(path, json: [:])
                XCTAssertEqual(r.status, 401, path)
            }
            let wrong = try await server.client(token: "guess").get("/api/v1/batch/overview")
            XCTAssertEqual(wrong.status, 401)
            let right = try await server.client(token: "s3cret").get("/api/v1/batch/overview")
            XCTAssertEqual(right.status, 200)
        }
    }

    func testThePageLoadsNothingFromElsewhere() throws {
        for text in [DashboardPage.text, DashboardScript.text, DashboardStyle.text] {
            // The SVG namespace is a name, not a request.
            let loaded = text.replacingOccurrences(of: "'http://www.w3.org/2000/svg'", with: "")
            XCTAssertNil(loaded.range(of: "https?://", options: .regularExpression), "no absolute URLs (no CDN)")
            XCTAssertFalse(text.contains("//cdn"), "no CDN")
            XCTAssertFalse(text.contains("@import"), "no imported style sheets")
        }
        XCTAssertTrue(DashboardPage.text.contains("src=\"/dashboard/app.js\""))
        XCTAssertTrue(DashboardPage.text.contains("href=\"/dashboard/app.css\""))
        XCTAssertTrue(DashboardPage.text.contains("lang=\"en\""))
        XCTAssertTrue(DashboardPage.text.contains("name=\"viewport\""), "laid out for phones")
        XCTAssertTrue(DashboardScript.text.contains("sessionStorage"), "the token is kept for the tab only")
        XCTAssertFalse(DashboardScript.text.contains("localStorage"), "and never beyond it")
        XCTAssertFalse(DashboardScript.text.contains("innerHTML"), "text goes in as text, never as markup")
    }

    /// The overview of a 100,000-job run — page, script, style sheet, icon and one overview answer —
    /// transfers < 500 kB and loads in < 1 s on loopback; a page of jobs is one page, not 100,000 jobs.
    func testPageWeightOfAHundredThousandJobRun() async throws {
        try await TestServer.with(configure: { $0.workers = 0 }) { server in
            let c = server.client()
            let submit = try await c.post("/api/v1/batch/batch/submit", json: [
                "name": "large", "kind": "test", "max_jobs": 100_000, "parameters": ["x": ["sweep": ["start": 0, "stop": 1, "num": 100_000]]]])
            XCTAssertEqual(submit.status, 201, "\(submit.json)")
            // Some history: a few completed and failed jobs, so the counts and rate are not trivially empty.
            _ = try server.server.store.cancel(jobID: 5)
            let started = Date()
            var bytes = 0
            for path in assetPaths + ["/api/v1/batch/overview"] {
                let r = try await c.get(path)
                XCTAssertEqual(r.status, 200, path)
                bytes += r.body.count
            }
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertLessThan(bytes, 500_000, "overview transfer")
            XCTAssertLessThan(elapsed, 1.0, "overview load on loopback")
            let overview = try await c.get("/api/v1/batch/overview")
            let batch = try XCTUnwrap((overview.json["batches"] as? [[String: Any]])?.first)
            XCTAssertEqual(batch["total"] as? Int, 100_000)
            XCTAssertEqual(batch["counts"] as? [String: Int], ["QUEUED": 99_999, "CANCELLED": 1])
            XCTAssertNil(batch["eta_s"] as? Double, "no completions yet: no estimate")

            let page = try await c.get("/api/v1/batch/batch/1/jobs?status=QUEUED&offset=99900&limit=500")
            XCTAssertEqual(page.json["total"] as? Int, 99_999)
            XCTAssertEqual((page.json["jobs"] as? [Any])?.count, 99, "the last page")
            let first = try await c.get("/api/v1/batch/batch/1/jobs")
            XCTAssertEqual((first.json["jobs"] as? [Any])?.count, 50)
            XCTAssertLessThan(first.body.count, 50_000, "one page of jobs")
            let everything = try await c.get("/api/v1/batch/batch/1/jobs?limit=100000")
            XCTAssertEqual(everything.status, 400, "100,000 jobs are never sent at once")
        }
    }
}
