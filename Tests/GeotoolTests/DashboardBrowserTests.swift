import Foundation
import TestSupport
import XCTest

/// The dashboard in a real browser: `geotool serve` on a fixture run directory (plot, failing, slow and
/// queued batches, one worker, a token), headless Chromium through chromedriver. Signs in with the
/// token, sees the progress of the running batch move without a reload, cancels the queued batch with
/// its button (confirming the dialog), reads a failed job's error, opens a plot job's PNG, looks at a
/// three-stage workflow's graph, draws a GeoTIFF output's quick-look; every step
/// is checked in the DOM and screenshotted to `.build/test-output/DashboardBrowserTests/`. Skips when
/// chromium or chromedriver is missing, unless GEOTOOL_REQUIRE_BROWSER=1 (set by `.ci/run`).
final class DashboardBrowserTests: XCTestCase {
    private var directory = ""
    private let token = "browser-test-token"

    override func setUpWithError() throws {
        guard WebDriver.available else {
            if ProcessInfo.processInfo.environment["GEOTOOL_REQUIRE_BROWSER"] == "1" {
                XCTFail("GEOTOOL_REQUIRE_BROWSER=1 but \(WebDriver.chromium) or \(WebDriver.chromedriver) is missing")
            }
            throw XCTSkip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver); browser test skipped")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-browser-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if !directory.isEmpty { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Where the screenshots go (kept after the test).
    private let screenshots = TestSupport.repoRoot.appendingPathComponent(".build/test-output/DashboardBrowserTests").path

    /// Submits the fixture batches: 1 plots (two maps of the fixture DEM), 2 failing (two attempts),
    /// 3 slow (24 jobs of 0.4 s), 4 queued (lowest priority: still queued while 3 runs), 5 scaled (a GeoTIFF output).
    private func makeRun() throws -> String {
        let run = "\(directory)/run"
        let dem = TestSupport.fixture("dem_utm33n.tif")
        let specs = [
            "name: plots\nkind: plot\nisolation: thread\ninputs: {type: map, input: \(dem)}\nparameters: {cmap: {grid: [viridis, magma]}}",
            "name: failing\nkind: synthetic\nisolation: thread\nmax_retries: 1\nretry_backoff: 0\nparameters: {x: {list: [7]}, fail: 1}",
            "name: slow\nkind: synthetic\nisolation: thread\npriority: 1\nparameters: {x: {sweep: {start: 0, stop: 1, num: 24}}, sleep: 0.4}",
            "name: queued\nkind: synthetic\nisolation: thread\npriority: 9\nparameters: {x: {list: [1, 2, 3, 4, 5]}}",
            "name: scaled\nkind: raster-scale\nisolation: thread\ninputs: {raster: \(dem)}\nparameters: {scale: {list: [2]}}",
        ]
        for (i, text) in specs.enumerated() {
            let spec = "\(directory)/spec\(i).yaml"
            try text.write(toFile: spec, atomically: true, encoding: .utf8)
            let r = try TestSupport.geotool(["batch", "submit", spec, "--run-dir", run])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let workflow = "\(directory)/workflow.yaml"
        try Self.workflow.write(toFile: workflow, atomically: true, encoding: .utf8)
        let r = try TestSupport.geotool(["workflow", "submit", workflow, "--run-dir", run])
        XCTAssertEqual(r.status, 0, r.stderr)
        return run
    }

    /// Workflow 1 (batches 6–8): prepare (3 jobs) → model per item → summary (barrier).
    private static let workflow = """
        name: chain
        stages:
          prepare:
            kind: synthetic
            isolation: thread
            parameters: {x: {list: [1, 2, 3]}}
          model:
            kind: synthetic
            isolation: thread
            needs: {stage: prepare, per_item: true}
            parameters: {y: {list: [10, 20, 30]}, up: "${prepare.results.value}"}
          summary:
            kind: synthetic
            isolation: thread
            needs: [model]
            inputs: {z: 1}
        """

    /// `geotool serve` on `run` with one worker and the token; returns the process and its base URL.
    private func serve(_ run: String) throws -> (Process, String) {
        let tokenFile = "\(directory)/token"
        try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let log = "\(directory)/serve.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        p.arguments = ["serve", "--run-dir", run, "--port", "0", "--jobs", "1", "--token-file", tokenFile, "--shutdown-grace", "1"]
        p.currentDirectoryURL = TestSupport.repoRoot
        p.standardOutput = FileHandle.nullDevice
        p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        try p.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, p.isRunning {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on http://127.0.0.1:") {
                let port = text[range.upperBound...].prefix { $0.isNumber }
                return (p, "http://127.0.0.1:\(port)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(p.processIdentifier, SIGKILL)
        throw WebDriver.Failure(description: "geotool serve did not start: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    }

    func testDashboardInChromium() async throws {
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let (server, base) = try serve(try makeRun())
        // SIGKILL: a child spawned from a test's thread may inherit a mask that blocks SIGTERM.
        let stop = { kill(server.processIdentifier, SIGKILL); server.waitUntilExit() }
        let browser: WebDriver
        do { browser = try await WebDriver() } catch { stop(); throw error }
        do {
            try await walkThrough(browser, base)
        } catch {
            try? await browser.screenshot(to: "\(screenshots)/failure.png")
            await browser.quit()
            stop()
            throw error
        }
        await browser.quit()
        stop()
    }

    private func walkThrough(_ b: WebDriver, _ base: String) async throws {
        // 1. The page asks for the token once; the API answers only with it.
        try await b.open(base + "/")
        let input = try await b.wait("the token field") { try await b.find("#token") }
        try await b.type(token, into: input)
        try await b.click(try await b.element("form.login button[type=submit]"))
        _ = try await b.waitForText("tr[data-batch-id=\"4\"]") { $0.contains("queued") }
        let kept = try await b.run("return sessionStorage.getItem('geotool.token')") as? String
        XCTAssertEqual(kept, token)

        // 2. The running batch's progress moves while the page stays loaded (polling, no reload).
        _ = try await b.run("window.__noReload = true")
        let progress = "return Number(document.querySelector('tr[data-batch-id=\"3\"] progress').value)"
        let first = try await b.wait("batch 3's progress bar") { try await b.run(progress) as? Double }
        let later = try await b.wait("batch 3's progress to move from \(first) %", timeout: 30) {
            let now = try await b.run(progress) as? Double ?? first
            return now > first ? now : nil
        }
        XCTAssertGreaterThan(later, first)
        let notReloaded = try await b.run("return window.__noReload === true") as? Bool
        XCTAssertEqual(notReloaded, true, "updated without reloading")
        let rowText = try await b.text(try await b.element("tr[data-batch-id=\"3\"]"))
        XCTAssertTrue(rowText.contains("24 jobs"), rowText)
        XCTAssertTrue(rowText.contains("running"), rowText)
        try await b.screenshot(to: "\(screenshots)/1-overview.png")

        // 3. Cancel the queued batch with its button, through the confirmation dialog.
        try await b.click(try await b.element("tr[data-batch-id=\"4\"] th a"))
        let cancel = try await b.wait("an enabled cancel button") {
            try await b.run("const c = document.getElementById('cancel-batch'); return c && !c.disabled && document.querySelector('#summary dl') ? true : null") as? Bool
        }
        XCTAssertTrue(cancel)
        try await b.click(try await b.element("#cancel-batch"))
        let question = try await b.wait("the confirmation dialog") { await b.dialogText() }
        XCTAssertTrue(question.contains("batch #4"), question)
        try await b.acceptDialog()
        let message = try await b.waitForText("#action-message")
        XCTAssertEqual(message, "Cancelled 5 job(s).")
        _ = try await b.waitForText("#summary [data-status]") { $0.contains("cancelled") }
        let statuses = try await b.wait("the job table to show the cancellation") {
            let s = try await b.run("return [...document.querySelectorAll('tr[data-job-id]')].map(r => r.dataset.status)") as? [String]
            return s?.count == 5 && s!.allSatisfy { $0 == "CANCELLED" } ? s : nil
        }
        XCTAssertEqual(statuses.count, 5)
        try await b.screenshot(to: "\(screenshots)/2-cancelled-batch.png")

        // 4. From the overview to the failed batch, to its failed job, to its error.
        try await b.click(try await b.element(".crumbs a[href=\"#/\"]"))
        try await b.click(try await b.wait("batch 2's link") { try await b.find("tr[data-batch-id=\"2\"] th a") })
        try await b.click(try await b.wait("a failed job's link") { try await b.find("tr[data-status=\"FAILED\"] th a") })
        let error = try await b.waitForText("#job-error")
        XCTAssertEqual(error, "synthetic failure (fail: 1)")
        let attempts = try await b.waitForText("#job-attempts")
        XCTAssertEqual(attempts, "2", "both attempts counted")
        let status = try await b.waitForText("#job-status")
        XCTAssertTrue(status.contains("failed"), status)
        try await b.screenshot(to: "\(screenshots)/3-failed-job.png")

        // 5. The plot batch's thumbnail grid, then one plot job's PNG at full size.
        try await b.click(try await b.element(".crumbs a[href=\"#/\"]"))
        try await b.click(try await b.wait("batch 1's link") { try await b.find("tr[data-batch-id=\"1\"] th a") })
        let thumbnails = try await b.wait("two loaded thumbnails") {
            let n = try await b.run("return [...document.querySelectorAll('ul.thumbs img')].filter(i => i.complete && i.naturalWidth > 0).length") as? Int
            return n == 2 ? n : nil
        }
        XCTAssertEqual(thumbnails, 2)
        try await b.screenshot(to: "\(screenshots)/4-plot-thumbnails.png")
        try await b.click(try await b.element("ul.thumbs a"))
        let width = try await b.wait("the plot PNG") {
            try await b.run("const i = document.querySelector('.preview img'); return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null") as? Int
        }
        XCTAssertEqual(width, 800, "the plot job's default figure width")
        let alt = try await b.run("return document.querySelector('.preview img').alt") as? String
        XCTAssertEqual(alt, "Plot plot.png")
        try await b.click(try await b.element(".preview button.zoom"))
        let pressed = try await b.run("return document.querySelector('.preview button.zoom').getAttribute('aria-pressed')") as? String
        XCTAssertEqual(pressed, "true")
        try await b.screenshot(to: "\(screenshots)/5-plot-job.png")

        // 6. The workflow: stages as boxes with arrows (dashed per item, solid barrier), each with its progress.
        try await b.click(try await b.element(".crumbs a[href=\"#/\"]"))
        try await b.click(try await b.wait("workflow 1's link") { try await b.find("tr[data-workflow-id=\"1\"] th a") })
        _ = try await b.waitForText("#workflow-status") { $0.contains("completed") }
        let graph = try await b.run("""
            return {stages: [...document.querySelectorAll('#graph a[data-stage]')].map(a => a.dataset.stage),
                    edges: document.querySelectorAll('#graph path.edge').length,
                    perItem: document.querySelectorAll('#graph path.edge.per-item').length,
                    label: document.querySelector('#graph svg').getAttribute('aria-label')}
            """) as? [String: Any]
        XCTAssertEqual(graph?["stages"] as? [String], ["prepare", "model", "summary"])
        XCTAssertEqual(graph?["edges"] as? Int, 2)
        XCTAssertEqual(graph?["perItem"] as? Int, 1)
        XCTAssertTrue((graph?["label"] as? String ?? "").contains("summary completed 100"), "\(graph ?? [:])")
        let summaryRow = try await b.text(try await b.element("#stages tr[data-stage=\"summary\"]"))
        XCTAssertTrue(summaryRow.contains("model (all)") && summaryRow.contains("1 job"), summaryRow)
        try await b.screenshot(to: "\(screenshots)/6-workflow.png")

        // 7. A GeoTIFF output's quick-look, drawn by Plot on request (the real renderer geotool serve injects).
        try await b.click(try await b.element(".crumbs a[href=\"#/\"]"))
        try await b.click(try await b.wait("batch 5's link") { try await b.find("tr[data-batch-id=\"5\"] th a") })
        try await b.click(try await b.wait("the scaled job's link") { try await b.find("tr[data-status=\"COMPLETED\"] th a") })
        try await b.click(try await b.wait("the quick-look button") { try await b.find("button.quicklook") })
        let quickLook = try await b.wait("the quick-look PNG") {
            try await b.run("const i = document.querySelector('li[data-kind=\"raster\"] .preview img'); return i && i.complete && i.naturalWidth > 0 ? i.naturalWidth : null") as? Int
        }
        XCTAssertEqual(quickLook, 640, "the quick-look figure's width")
        try await b.screenshot(to: "\(screenshots)/7-quicklook.png")
    }
}
