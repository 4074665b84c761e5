import Foundation
import TestSupport
import XCTest

/// `geotool batch …` as a process: submit/run/status/results, process isolation (crash, hard
/// timeout), cancel/retry, validation errors, a real raster job kind.
final class BatchCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("batch-cli") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func spec(_ yaml: String, _ name: String = "spec.yaml") throws -> String {
        let path = "\(dir)/\(name)"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @discardableResult
    private func geotool(_ args: [String], expect status: Int32 = 0) throws -> TestSupport.ProcessResult {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, status, "geotool \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    private func statusJSON(_ run: String) throws -> [[String: Any]] {
        let r = try geotool(["batch", "status", run, "--json"])
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
    }

    func testSubmitRunStatusResultsAggregate() throws {
        let run = "\(dir)/run"
        let s = try spec("""
            kind: synthetic
            parameters:
              a: {grid: [1, 2]}
              b: {list: [10, 20, 30]}
            """)
        XCTAssertTrue(try geotool(["batch", "submit", s, "--run-dir", run]).stdout.contains("6 jobs of kind synthetic"))
        try geotool(["batch", "run", run, "--jobs", "2"])
        let st = try statusJSON(run)
        XCTAssertEqual(st.first?["status"] as? String, "COMPLETED")
        XCTAssertEqual((st.first?["counts"] as? [String: Int])?["COMPLETED"], 6)
        XCTAssertEqual(st.first?["percent"] as? Double, 100)
        try geotool(["batch", "results", run, "--aggregate", "mean,min,max,p50", "--by", "a", "-o", "\(dir)/agg.csv"])
        let agg = try String(contentsOfFile: "\(dir)/agg.csv", encoding: .utf8)
        // value = a + b: a=1 → 11, 21, 31; a=2 → 12, 22, 32.
        XCTAssertTrue(agg.hasPrefix("a,n,attempt_mean,"), agg)
        let lines = agg.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let col = { (name: String) in header.firstIndex(of: name)! }
        XCTAssertEqual(lines[1][col("value_mean")], "21")
        XCTAssertEqual(lines[1][col("value_min")], "11")
        XCTAssertEqual(lines[2][col("value_max")], "32")
        XCTAssertEqual(lines[2][col("value_p50")], "22")
        let perJob = try geotool(["batch", "results", run]).stdout
        XCTAssertEqual(perJob.split(separator: "\n").count, 7)
        XCTAssertTrue(try geotool(["batch", "pool", run]).stdout.contains("queue depth: 0"))
    }

    func testProcessIsolationSurvivesCrashAndEnforcesTimeout() throws {
        let run = "\(dir)/run"
        let s = try spec("""
            kind: synthetic
            timeout: 1.5
            parameters:
              x: {list: [1, 2, 3, 4]}
              crash: {list: [0, 1, 0, 0]}
              sleep: {list: [0, 0, 30, 0]}
            """)
        try geotool(["batch", "submit", s, "--run-dir", run])
        let started = Date()
        let finished = try TestSupport.geotool(["batch", "run", run, "--jobs", "2", "--no-progress"])
        XCTAssertEqual(finished.status, 2, "exit status 2: some jobs FAILED")
        XCTAssertTrue(finished.stderr.contains("2 failed"), finished.stderr)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the 30 s job was killed at its timeout")
        let st = try statusJSON(run)
        XCTAssertEqual(st.first?["status"] as? String, "PARTIALLY_FAILED")
        let failed = try geotool(["batch", "status", run, "--list-jobs", "--status", "failed"]).stdout
        XCTAssertTrue(failed.contains("job process crashed (killed by signal 6)"), failed)
        XCTAssertTrue(failed.contains("timeout after 1.5s"), failed)
        // Retry the failures without the cues' effect: they fail again the same way (deterministic).
        XCTAssertTrue(try geotool(["batch", "retry", run, "--failed"]).stdout.contains("requeued 2 jobs"))
        XCTAssertEqual((try statusJSON(run).first?["counts"] as? [String: Int])?["QUEUED"], 2)
    }

    func testCancelStopsRunningJobs() throws {
        let run = "\(dir)/run"
        try geotool(["batch", "submit", try spec("kind: synthetic\nparameters: {x: {grid: [1, 2, 3, 4]}, sleep: 20}"),
                     "--run-dir", run])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        p.arguments = ["batch", "run", run, "--jobs", "2", "--no-progress"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        Thread.sleep(forTimeInterval: 1)
        XCTAssertTrue(try geotool(["batch", "cancel", run]).stdout.contains("cancelled 4 jobs"))
        let started = Date()
        p.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "running jobs noticed the cancel")
        XCTAssertEqual(try statusJSON(run).first?["status"] as? String, "CANCELLED")
    }

    func testValidationErrorIsOneLineWithKeyPath() throws {
        let s = try spec("kind: synthetic\nparameters:\n  rainfall: {sweep: {start: 1, stop: 2, num: 0}}")
        let r = try geotool(["batch", "submit", s, "--run-dir", "\(dir)/run"], expect: 1)
        XCTAssertEqual(r.stderr, "geotool batch submit: \(s): parameters.rainfall.sweep.num: must be > 0\n")
        let k = try geotool(["batch", "submit", try spec("kind: nope", "k.yaml"), "--run-dir", "\(dir)/run"], expect: 1)
        XCTAssertTrue(k.stderr.hasPrefix("geotool batch submit: unknown job kind 'nope' (known: "), k.stderr)
        for kind in ["erosion-scenario", "plot", "synthetic", "tem1d-chunk"] { XCTAssertTrue(k.stderr.contains(kind), k.stderr) }
        let missing = try geotool(["batch", "status", "\(dir)/nowhere"], expect: 1)
        XCTAssertTrue(missing.stderr.contains("no batch store"), missing.stderr)
    }

    func testRasterScaleJobsWriteValidGeoTIFFs() throws {
        let run = "\(dir)/run"
        let s = try spec("""
            kind: raster-scale
            inputs: {raster: \(TestSupport.fixture("dem_utm33n.tif"))}
            parameters:
              scale: {grid: [1, 2]}
              offset: {sweep: {start: 0, stop: 100, num: 2}}
            isolation: thread
            """)
        try geotool(["batch", "submit", s, "--run-dir", run])
        try geotool(["batch", "run", run, "--jobs", "2"])
        try geotool(["batch", "results", run, "-o", "\(dir)/r.csv"])
        let rows = try String(contentsOfFile: "\(dir)/r.csv", encoding: .utf8).split(separator: "\n").dropFirst()
        XCTAssertEqual(rows.count, 4)
        let base = try geotool(["batch", "results", run, "--aggregate", "mean", "--by", "scale", "offset"]).stdout
        let means = base.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",").last!)! }
        XCTAssertEqual(means[1], means[0] + 100, accuracy: 1e-6)         // scale 1: offset 0 vs 100
        XCTAssertEqual(means[2], 2 * means[0], accuracy: 1e-6)           // scale 2, offset 0
        for row in rows {
            let file = String(row.split(separator: ",").last!)
            let info = try TestSupport.run("gdalinfo", ["-stats", "--config", "GDAL_PAM_ENABLED", "NO", file])
            XCTAssertEqual(info.status, 0, info.stderr)
            XCTAssertTrue(info.stdout.contains("NoData Value=-9999"), info.stdout)
        }
    }
}
