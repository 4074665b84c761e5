import Foundation
import TestSupport
import XCTest

/// The one error path of every command (`Geotool.main`), run through the real binary: a command's error is
/// one stderr line `geotool <command path>: …` and exit 1; command-line misuse keeps ArgumentParser's usage
/// message and exits 2; `--jobs` is every worker-thread option, with `--workers` (and `batch status --jobs`)
/// kept as hidden aliases.
final class ErrorPathTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("error-path") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs geotool and checks: exit 1, exactly one stderr line, starting `geotool <command>: `, naming `mentioning`.
    private func assertFailure(_ command: String, _ args: [String], mentioning: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try TestSupport.geotool(command.split(separator: " ").map(String.init) + args)
        let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(r.status, 1, "\(command) \(args): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(lines.count, 1, "\(command) \(args): one line: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("geotool \(command): "), "\(command) \(args): prefix: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(mentioning), "\(command) \(args): '\(mentioning)' not in \(r.stderr)", file: file, line: line)
    }

    /// Runs geotool and checks a usage error: exit 2, ArgumentParser's message and usage on stderr.
    private func assertUsage(_ args: [String], mentioning: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("Error: "), "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("Usage: geotool"), "\(args): usage text: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(mentioning), "\(args): '\(mentioning)' not in \(r.stderr)", file: file, line: line)
    }

    func testMissingInputFilesOfEveryCommand() throws {
        let tif = "\(dir)/nope.tif", csv = "\(dir)/nope.csv", yaml = "\(dir)/nope.yaml", run = "\(dir)/norun"
        let out = "\(dir)/out"
        try assertFailure("info", [tif], mentioning: tif)
        try assertFailure("resample", [tif, "\(out).tif", "--factor", "2", "--method", "sum"], mentioning: tif)
        try assertFailure("erosion derive", [tif, "--out", out], mentioning: tif)
        try assertFailure("erosion run", [tif, "--scenarios", yaml, "--out", out], mentioning: tif)
        try assertFailure("evolve", [tif, "--years", "10", "--dt", "1", "--k", "1e-5", "--out", out], mentioning: tif)
        try assertFailure("plot map", [tif, "-o", "\(out).png"], mentioning: tif)
        try assertFailure("plot scatter", [csv, "--x", "a", "--y", "b", "-o", "\(out).png"], mentioning: csv)
        try assertFailure("plot series", [csv, "--y", "v", "-o", "\(out).png"], mentioning: csv)
        try assertFailure("plot decay", [csv, "-o", "\(out).png"], mentioning: csv)
        try assertFailure("plot hist", [csv, "--column", "c", "-o", "\(out).png"], mentioning: csv)
        try assertFailure("plot batch", [csv, "--by", "s", "--kind", "scatter", "--x", "a", "--y", "b", "--out", out],
                          mentioning: csv)
        try assertFailure("extract", ["--points", csv, TestSupport.fixture("dem_utm33n.tif")], mentioning: csv)
        try assertFailure("ecostress scan", ["\(dir)/nodir"], mentioning: "nodir")
        try assertFailure("ecostress regrid", ["\(dir)/nodir", "--sites", csv, "--variables", "LST",
                                               "--target-res", "0.01", "0.01", "--out", out], mentioning: csv)
        try assertFailure("tem1d run", ["--models", csv, "--system", yaml, "--out", "\(out).csv"], mentioning: "nope")
        try assertFailure("batch submit", [yaml, "--run-dir", run], mentioning: yaml)
        for sub in ["run", "status", "cancel", "pool", "results"] {
            try assertFailure("batch \(sub)", [run], mentioning: "no batch store")
        }
        try assertFailure("batch retry", [run, "--failed"], mentioning: "no batch store")
        try assertFailure("batch merge", [run, "\(dir)/other"], mentioning: "no batch store")
        try assertFailure("serve", ["--run-dir", run, "--port", "0", "--token-file", "\(dir)/token"], mentioning: "token")
    }

    func testBadValuesAreOneLineErrors() throws {
        let dem = TestSupport.fixture("dem_utm33n.tif"), out = "\(dir)/out"
        try assertFailure("plot map", [dem, "-o", "\(out).png", "--cmap", "jet"], mentioning: "unknown colormap 'jet'")
        try assertFailure("plot hist", [dem, "-o", "\(out).png", "--bins", "many"], mentioning: "--bins")
        try assertFailure("resample", [dem, "\(out).tif", "--factor", "2", "--method", "bogus"], mentioning: "--method")
        try assertFailure("reproject", [dem, "-o", "\(out).tif", "--t-srs", "EPSG:4326", "-r", "bogus"], mentioning: "-r")
        try assertFailure("evolve", [dem, "--years=-1", "--dt", "1", "--k", "1e-5", "--out", out], mentioning: "years")
        let spec = "\(dir)/spec.yaml"
        try "kind: nope\nparameters:\n  a: {list: [1]}\n".write(toFile: spec, atomically: true, encoding: .utf8)
        try assertFailure("batch submit", [spec, "--run-dir", "\(dir)/run"], mentioning: "unknown job kind 'nope'")
    }

    func testUsageErrorsExitTwo() throws {
        try assertUsage(["info", "x.tif", "--bogus"], mentioning: "--bogus")
        try assertUsage(["plot", "map"], mentioning: "Missing expected argument")
        try assertUsage(["extract", "--points", "p.csv", "r.tif", "--jobs", "0"], mentioning: "--jobs must be at least 1")
        try assertUsage(["batch", "retry", "\(dir)/run"], mentioning: "--failed")
        try assertUsage(["tem1d", "run", "--models", "m.csv", "--system", "s.yaml", "--out", "o.csv", "--jobs", "x"],
                        mentioning: "--jobs")
    }

    func testHelpAndVersionStillExitZero() throws {
        let help = try TestSupport.geotool(["plot", "map", "--help"])
        XCTAssertEqual(help.status, 0, help.stderr)
        XCTAssertTrue(help.stdout.contains("USAGE: geotool plot map"), help.stdout)
        XCTAssertEqual(try TestSupport.geotool(["--version"]).status, 0)
    }

    func testJobsAndItsOldSpellings() throws {
        let spec = "\(dir)/spec.yaml", run = "\(dir)/run"
        try "kind: synthetic\nparameters:\n  a: {list: [1, 2, 3]}\n".write(toFile: spec, atomically: true, encoding: .utf8)
        XCTAssertEqual(try TestSupport.geotool(["batch", "submit", spec, "--run-dir", run]).status, 0)
        for option in ["--jobs", "--workers"] {
            let r = try TestSupport.geotool(["batch", "run", run, option, "2", "--no-progress"])
            XCTAssertEqual(r.status, 0, "\(option): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("2 workers"), "\(option): \(r.stderr)")
        }
        try assertUsage(["batch", "run", run, "--jobs", "2", "--workers", "2"], mentioning: "old name of --jobs")
        for option in ["--list-jobs", "--jobs"] {
            let r = try TestSupport.geotool(["batch", "status", run, option])
            XCTAssertEqual(r.status, 0, "\(option): \(r.stderr)")
            XCTAssertEqual(r.stdout.split(separator: "\n").filter { $0.hasPrefix("job ") }.count, 3, "\(option): \(r.stdout)")
        }
        let help = try TestSupport.geotool(["batch", "run", "--help"]).stdout
        XCTAssertTrue(help.contains("--jobs") && !help.contains("--workers"), "the alias is hidden: \(help)")
        let statusHelp = try TestSupport.geotool(["batch", "status", "--help"]).stdout
        XCTAssertTrue(statusHelp.contains("--list-jobs") && !statusHelp.contains("--jobs "), statusHelp)
    }
}
