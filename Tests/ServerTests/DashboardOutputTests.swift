import Batch
import Foundation
@testable import Server
import XCTest

/// Job output files and raster quick-looks through the dashboard routes: only files a job recorded,
/// only inside the run directory (or a data root) — traversal spellings, files outside and symbolic
/// links out are refused —, and quick-looks rendered once, cached under RUN/quicklook, redrawn when the
/// raster changes.
final class DashboardOutputTests: XCTestCase {
    private let api = "/api/v1/batch"
    private let registry = JobRegistry([TestJob(), FilesJob()])

    /// Runs one `files` job with `parameters`; returns its job id once it completed.
    private func runFilesJob(_ c: APIClient, _ parameters: [String: Any]) async throws -> Int {
        let r = try await c.post("\(api)/batch/submit", json: ["kind": "files", "isolation": "thread", "inputs": parameters])
        XCTAssertEqual(r.status, 201, "\(r.json)")
        let status = try await c.waitForBatch(try XCTUnwrap(r.json["batch_id"] as? Int))
        XCTAssertEqual(status["status"] as? String, "COMPLETED", "\(status)")
        return try XCTUnwrap((status["job_statuses"] as? [[String: Any]])?.first?["job_id"] as? Int)
    }

    func testOutputsAreListedAndServedByName() async throws {
        try await TestServer.with(registry: registry, configure: { $0.dataRoots = [] }) { server in
            let c = server.client()
            let job = try await runFilesJob(c, ["name": "map.png"])
            let list = try await c.get("\(api)/jobs/\(job)/outputs")
            XCTAssertEqual(list.status, 200)
            let output = try XCTUnwrap((list.json["outputs"] as? [[String: Any]])?.first)
            let contents = FilesJob.contents(job: Int64(job), name: "map.png")
            XCTAssertEqual(output["name"] as? String, "map.png")
            XCTAssertEqual(output["kind"] as? String, "png")
            XCTAssertEqual(output["size"] as? Int, contents.utf8.count)
            XCTAssertEqual(output["servable"] as? Bool, true)
            XCTAssertNil(output["quicklook_url"] as? String, "no quick-look of a PNG")
            let url = try XCTUnwrap(output["url"] as? String)
            XCTAssertEqual(url, "\(api)/jobs/\(job)/output?name=map.png")

            let file = try await c.get(url)
            XCTAssertEqual(file.status, 200)
            XCTAssertEqual(String(decoding: file.body, as: UTF8.self), contents)
            XCTAssertEqual(file.headers["content-type"], "image/png")
            XCTAssertEqual(file.headers["x-content-type-options"], "nosniff")
            XCTAssertNil(file.headers["content-disposition"])
            let download = try await c.get(url + "&download=1")
            XCTAssertEqual(download.headers["content-disposition"], "attachment; filename=\"map.png\"")

            // The job page lists the output by name too (for the thumbnail grid).
            let page = try await c.get("\(api)/batch/1/jobs")
            XCTAssertEqual((page.json["jobs"] as? [[String: Any]])?.first?["outputs"] as? [String], ["map.png"])
        }
    }

    func testTraversalAndUnrecordedNamesAreNotFound() async throws {
        try await TestServer.with(registry: registry, configure: { $0.dataRoots = [] }) { server in
            let c = server.client()
            let job = try await runFilesJob(c, ["name": "a.txt"])
            let attempts = ["../../batch.sqlite", "..%2F..%2Fbatch.sqlite", "%2E%2E%2Fa.txt", "batch.sqlite", "/etc/passwd",
                            "%2Fetc%2Fpasswd", "a.txt%00.png", "a.txt%2F..", "A.TXT", "."]
            for name in attempts {
                let r = try await c.get("\(api)/jobs/\(job)/output?name=\(name)")
                XCTAssertEqual(r.status, 404, name)
                XCTAssertEqual(r.field, "name", name)
                XCTAssertFalse(r.body.starts(with: Data("SQLite".utf8)), name)
            }
            let empty = try await c.get("\(api)/jobs/\(job)/output?name=")
            XCTAssertEqual(empty.status, 400)
            let noName = try await c.get("\(api)/jobs/\(job)/output")
            XCTAssertEqual(noName.status, 400)
            let extra = try await c.get("\(api)/jobs/\(job)/output?name=a.txt&path=/etc/passwd")
            XCTAssertEqual(extra.status, 400)
            XCTAssertEqual(extra.field, "path")
            let unknownJob = try await c.get("\(api)/jobs/999/output?name=a.txt")
            XCTAssertEqual(unknownJob.status, 404)
            let unknownOutputs = try await c.get("\(api)/jobs/999/outputs")
            XCTAssertEqual(unknownOutputs.status, 404)
            // The dashboard's own files are plain routes: no path below them reaches the run directory.
            for path in ["/dashboard/../batch.sqlite", "/dashboard/..%2Fbatch.sqlite", "/dashboard/%2E%2E/batch.sqlite", "/batch.sqlite"] {
                let r = try await c.get(path)
                XCTAssertEqual(r.status, 404, path)
                XCTAssertFalse(r.body.starts(with: Data("SQLite".utf8)), path)
            }
            // A missing file is 404, not a 500.
            try FileManager.default.removeItem(atPath: "\(server.runDirectory)/outputs/\(job)/a.txt")
            let gone = try await c.get("\(api)/jobs/\(job)/output?name=a.txt")
            XCTAssertEqual(gone.status, 404)
        }
    }

    func testFilesOutsideTheRootsAreForbidden() async throws {
        try await TestServer.with(registry: registry, configure: { $0.dataRoots = [] }) { server in
            let c = server.client()
            let outside = try await runFilesJob(c, ["mode": "outside"])
            let listed = try await c.get("\(api)/jobs/\(outside)/outputs")
            XCTAssertEqual((listed.json["outputs"] as? [[String: Any]])?.first?["servable"] as? Bool, false)
            let r = try await c.get("\(api)/jobs/\(outside)/output?name=hostname")
            XCTAssertEqual(r.status, 403)
            XCTAssertEqual(r.field, "name")

            let link = try await runFilesJob(c, ["mode": "symlink", "name": "host.txt"])
            let viaLink = try await c.get("\(api)/jobs/\(link)/output?name=host.txt")
            XCTAssertEqual(viaLink.status, 403, "a symbolic link out of the run directory is followed, then refused")
            let look = try await c.get("\(api)/jobs/\(link)/quicklook?name=host.txt")
            XCTAssertEqual(look.status, 403)
        }
    }

    func testQuickLooksAreRenderedOnceCachedAndRedrawnWhenTheRasterChanges() async throws {
        let counter = CountingQuickLook()
        try await TestServer.with(registry: registry, configure: { $0.quickLook = counter.renderer }) { server in
            let c = server.client()
            let job = try await runFilesJob(c, ["name": "dem.tif"])
            let listed = try await c.get("\(api)/jobs/\(job)/outputs")
            let output = try XCTUnwrap((listed.json["outputs"] as? [[String: Any]])?.first)
            XCTAssertEqual(output["kind"] as? String, "raster")
            let url = try XCTUnwrap(output["quicklook_url"] as? String)
            XCTAssertEqual(url, "\(api)/jobs/\(job)/quicklook?name=dem.tif")

            let first = try await c.get(url)
            XCTAssertEqual(first.status, 200, "\(first.json)")
            XCTAssertEqual(first.headers["content-type"], "image/png")
            XCTAssertEqual(first.headers["x-geotool-quicklook"], "rendered")
            XCTAssertTrue(String(decoding: first.body, as: UTF8.self).hasSuffix("outputs/\(job)/dem.tif"))
            let cached = "\(server.runDirectory)/quicklook/\(job)/dem.tif.png"
            XCTAssertTrue(FileManager.default.fileExists(atPath: cached))

            let second = try await c.get(url)
            XCTAssertEqual(second.headers["x-geotool-quicklook"], "cached")
            XCTAssertEqual(second.body, first.body)
            XCTAssertEqual(counter.calls, 1, "drawn once")

            // A newer raster (a re-run job) gets a new quick-look.
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)],
                                                  ofItemAtPath: "\(server.runDirectory)/outputs/\(job)/dem.tif")
            let third = try await c.get(url)
            XCTAssertEqual(third.headers["x-geotool-quicklook"], "rendered")
            XCTAssertEqual(counter.calls, 2)
            // Nothing half-written is left beside the cache.
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "\(server.runDirectory)/quicklook/\(job)"), ["dem.tif.png"])

            let notRaster = try await runFilesJob(c, ["name": "notes.txt"])
            let refused = try await c.get("\(api)/jobs/\(notRaster)/quicklook?name=notes.txt")
            XCTAssertEqual(refused.status, 400)
            XCTAssertEqual(refused.field, "name")
            let broken = try await runFilesJob(c, ["name": "broken.tif"])
            let failed = try await c.get("\(api)/jobs/\(broken)/quicklook?name=broken.tif")
            XCTAssertEqual(failed.status, 422)
            XCTAssertTrue(failed.error?.contains("broken.tif") ?? false, "\(failed.json)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: "\(server.runDirectory)/quicklook/\(broken)/broken.tif.png"))
            let traversal = try await c.get("\(api)/jobs/\(job)/quicklook?name=..%2F..%2Fbatch.sqlite")
            XCTAssertEqual(traversal.status, 404)
        }
    }

    func testWithoutARendererQuickLooksAreNotImplemented() async throws {
        try await TestServer.with(registry: registry) { server in
            let c = server.client()
            let job = try await runFilesJob(c, ["name": "dem.tif"])
            let r = try await c.get("\(api)/jobs/\(job)/quicklook?name=dem.tif")
            XCTAssertEqual(r.status, 501)
        }
    }
}
