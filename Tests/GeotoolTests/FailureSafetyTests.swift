import XCTest
import Foundation
import Raster
import TestSupport

/// Failures are loud and leave nothing behind: ignored creation options are errors, failed writes leave
/// the output directory exactly as it was (hidden files included) and name the user's output, not a
/// temporary; re-runs redo outputs that are not complete geotool outputs; names from files cannot leave
/// the output directory; `info` prints progress only on a terminal or with --progress.
final class FailureSafetyTests: XCTestCase {
    var dir = ""
    let dem = TestSupport.fixture("dem_utm33n.tif")
    let fixtures = TestSupport.repoRoot.appendingPathComponent("fixtures").path
    let scene = "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01"

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("failure-safety") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs geotool expecting a failure (one line unless the command reports per file or progress) that
    /// leaves `dir` unchanged and names no temporary.
    @discardableResult
    private func assertFailsCleanly(_ args: [String], mentioning: String? = nil,
                                    file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let oneLine = !["reproject", "evolve"].contains(args[0])
        let before = try TestSupport.snapshot(dir)
        let r = try TestSupport.geotool(args)
        let what = args.joined(separator: " ")
        XCTAssertNotEqual(r.status, 0, what, file: file, line: line)
        if oneLine { XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(what): \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains(".tmp-"), "names a temporary: \(r.stderr)", file: file, line: line)
        if let mentioning { XCTAssertTrue(r.stderr.contains(mentioning), "\(what): \(r.stderr)", file: file, line: line) }
        XCTAssertEqual(try TestSupport.snapshot(dir), before, "\(what) left files behind", file: file, line: line)
        return r.stderr
    }

    // MARK: Class 6a — creation options GDAL ignores are errors

    func testIgnoredCreationOptionsFailEveryRasterWriter() throws {
        let out = "\(dir)/o.tif"
        for co in ["COMPRESS=BOGUS", "ZLEVEL=99", "NO_SUCH_OPTION=1"] {
            for of in ["GTiff", "COG"] {
                try assertFailsCleanly(["resample", dem, out, "--factor", "4", "--method", "mean", "--of", of, "-co", co, "--quiet"],
                                       mentioning: out)
                for r in ["nearest", "bilinear"] {
                    try assertFailsCleanly(["reproject", dem, "--t-srs", "EPSG:4326", "-r", r, "--of", of, "-co", co, "-o", out],
                                           mentioning: out)
                }
            }
        }
    }

    // MARK: Class 7 / 8 — failed writes leave nothing and name the output

    func testFailedWritesLeaveTheDirectoryAsItWasAndNameTheOutput() throws {
        let out = "\(dir)/o.tif"
        for _ in 0..<2 {
            for of in ["GTiff", "COG"] {
                try assertFailsCleanly(["resample", dem, out, "--factor", "4", "--method", "mean", "--of", of,
                                        "-co", "BLOCKXSIZE=7", "--quiet"], mentioning: out)
            }
            for r in ["nearest", "bilinear"] {
                try assertFailsCleanly(["reproject", dem, "--t-srs", "EPSG:4326", "-r", r, "-co", "BLOCKXSIZE=7", "-o", out],
                                       mentioning: out)
            }
        }
        // An output that cannot be moved into place (a directory is in the way).
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        try assertFailsCleanly(["resample", dem, out, "--factor", "4", "--method", "mean", "--quiet"], mentioning: out)
        try assertFailsCleanly(["reproject", dem, "--t-srs", "EPSG:4326", "-o", out, "--overwrite"], mentioning: out)
        try FileManager.default.createDirectory(atPath: "\(dir)/evolve/elevation_final.tif", withIntermediateDirectories: true)
        try assertFailsCleanly(["evolve", dem, "--years", "1", "--dt", "1", "--k", "1e-5", "--out", "\(dir)/evolve"],
                               mentioning: "elevation_final.tif")
    }

    func testMultiFileWritersLeaveNoTemporariesWhenOneFileFails() throws {
        let derive = "\(dir)/derive", run = "\(dir)/run"
        try FileManager.default.createDirectory(atPath: "\(derive)/ls.tif", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(run)/baseline_risk.tif", withIntermediateDirectories: true)
        let d = try TestSupport.geotool(["erosion", "derive", dem, "--out", derive])
        XCTAssertNotEqual(d.status, 0)
        XCTAssertTrue(d.stderr.contains("\(derive)/ls.tif") && !d.stderr.contains(".tmp-"), d.stderr)
        let r = try TestSupport.geotool(["erosion", "run", dem, "--scenarios", TestSupport.fixture("scenarios/terrasim.yaml"),
                                         "--out", run, "--jobs", "1"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("baseline_risk.tif") && !r.stderr.contains(".tmp-"), r.stderr)
        for d in [derive, run] {
            let hidden = try FileManager.default.contentsOfDirectory(atPath: d).filter { $0.hasPrefix(".") }
            XCTAssertEqual(hidden, [], d)
        }
    }

    // MARK: Class 6b — only complete geotool outputs are skipped on re-runs

    /// Zero-byte, truncated and foreign (a valid GeoTIFF geotool did not write) stand-ins for `path`.
    private func incompleteStandIns(like complete: String) throws -> [(String, Data)] {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: complete))
        let foreign = "\(dir)/foreign.tif"
        XCTAssertEqual(try TestSupport.run("gdal_translate", ["-q", dem, foreign]).status, 0)
        defer { try? FileManager.default.removeItem(atPath: foreign) }
        return [("zero-byte", Data()), ("truncated", bytes.prefix(bytes.count / 2)),
                ("foreign", try Data(contentsOf: URL(fileURLWithPath: foreign)))]
    }

    func testReprojectRedoesIncompleteOutputs() throws {
        let out = "\(dir)/o.tif"
        let args = ["reproject", TestSupport.fixture("dem_wgs84_int16.tif"), "--t-srs", "EPSG:32633", "-o", out]
        XCTAssertEqual(try TestSupport.geotool(args).status, 0)
        let complete = try Data(contentsOf: URL(fileURLWithPath: out))
        XCTAssertTrue(try TestSupport.geotool(args).stderr.contains("skipped"), "a complete output is skipped")
        for (kind, bytes) in try incompleteStandIns(like: out) {
            try bytes.write(to: URL(fileURLWithPath: out))
            let r = try TestSupport.geotool(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stderr.contains("skipped"), "\(kind): \(r.stderr)")
            XCTAssertTrue(CompleteOutput.isCompleteRaster(out), kind)
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: out)).count, complete.count, kind)
        }
    }

    func testEcostressRegridRedoesIncompleteOutputs() throws {
        let sites = "\(dir)/sites.csv"
        try "site,west,south,east,north\nA,16.29,46.06,16.36,46.12\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let out = "\(dir)/out"
        let args = ["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST",
                    "--target-res", "700", "700", "--out", out]
        XCTAssertEqual(try TestSupport.geotool(args).status, 0)
        let csv = try Data(contentsOf: URL(fileURLWithPath: "\(out)/A_LST.csv"))
        XCTAssertTrue(try TestSupport.geotool(args).stderr.contains("all site outputs exist"))
        for (kind, bytes) in try incompleteStandIns(like: "\(out)/A_LST.tif") {
            try bytes.write(to: URL(fileURLWithPath: "\(out)/A_LST.tif"))
            let r = try TestSupport.geotool(args)
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertFalse(r.stderr.contains("all site outputs exist"), "\(kind) GeoTIFF: \(r.stderr)")
            XCTAssertTrue(CompleteOutput.isCompleteRaster("\(out)/A_LST.tif"), kind)
        }
        for (kind, bytes) in [("zero-byte", Data()), ("truncated", csv.prefix(csv.count / 2))] {
            try bytes.write(to: URL(fileURLWithPath: "\(out)/A_LST.csv"))
            let r = try TestSupport.geotool(args)
            XCTAssertFalse(r.stderr.contains("all site outputs exist"), "\(kind) CSV: \(r.stderr)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(out)/A_LST.csv")), csv, kind)
        }
    }

    func testPlotBatchRedrawsIncompletePNGs() throws {
        let csv = "\(dir)/t.csv"
        try "g,obs,pred\na,1,1.1\na,2,2.1\na,3,2.8\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let out = "\(dir)/plots"
        let args = ["plot", "batch", csv, "--by", "g", "--kind", "scatter", "--x", "obs", "--y", "pred", "--out", out]
        XCTAssertEqual(try TestSupport.geotool(args).status, 0)
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(out)/a.png"))
        XCTAssertTrue(try TestSupport.geotool(args).stderr.contains("1 already complete"))
        for (kind, bytes) in [("zero-byte", Data()), ("truncated", png.prefix(png.count - 5)), ("foreign", Data("GIF89a....".utf8))] {
            try bytes.write(to: URL(fileURLWithPath: "\(out)/a.png"))
            let r = try TestSupport.geotool(args)
            XCTAssertTrue(r.stderr.contains("1 rendered"), "\(kind): \(r.stderr)")
            XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: "\(out)/a.png")), png, kind)
        }
    }

    // MARK: Class 6c — overflowing scenarios are errors

    func testErosionRunRejectsOverflowingScenario() throws {
        let scenarios = "\(dir)/s.yaml"
        try "base: {R: 500, K: 0.03, C: 0.2, P: 1}\nscenarios:\n  - {name: ok}\n  - {name: huge, set: {R: 1e300, K: 1e300}}\n"
            .write(toFile: scenarios, atomically: true, encoding: .utf8)
        let r = try TestSupport.geotool(["erosion", "run", dem, "--scenarios", scenarios, "--out", "\(dir)/out"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("huge.R") && r.stderr.contains(scenarios), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/out"), "checked before anything is written")
    }

    // MARK: Class 3 — names from files stay inside the output directory

    func testSiteNamesThatLeaveTheOutputDirectoryAreRefused() throws {
        try FileManager.default.createDirectory(atPath: "\(dir)/a/b", withIntermediateDirectories: true)
        let out = "\(dir)/a/b/out"
        for (name, text) in [("sites.csv", "site,west,south,east,north\nok,16.29,46.06,16.36,46.12\n../../x,16.29,46.06,16.36,46.12\n"),
                             ("sites.yaml", "sites:\n  - {name: ok, west: 16.29, south: 46.06, east: 16.36, north: 46.12}\n  - {name: ../../x, west: 16.29, south: 46.06, east: 16.36, north: 46.12}\n"),
                             ("dot.csv", "site,west,south,east,north\n.hidden,16.29,46.06,16.36,46.12\n")] {
            let sites = "\(dir)/\(name)"
            try text.write(toFile: sites, atomically: true, encoding: .utf8)
            let message = try assertFailsCleanly(["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST",
                                                  "--target-res", "700", "700", "--out", out], mentioning: sites)
            XCTAssertTrue(message.contains(name.hasPrefix("dot") ? ".hidden" : "../../x"), message)
            if name == "sites.csv" { XCTAssertTrue(message.contains("line 3"), message) }
            if name == "sites.yaml" { XCTAssertTrue(message.contains("site 2"), message) }
        }
    }

    func testScenarioNamesThatLeaveTheOutputDirectoryAreRefused() throws {
        for bad in ["../x", ".hidden", ".."] {
            let scenarios = "\(dir)/s.yaml"
            try "base: {R: 500, K: 0.03, C: 0.2, P: 1}\nscenarios:\n  - {name: '\(bad)'}\n".write(toFile: scenarios, atomically: true, encoding: .utf8)
            try assertFailsCleanly(["erosion", "run", dem, "--scenarios", scenarios, "--out", "\(dir)/out"], mentioning: bad)
        }
    }

    // MARK: Class 9 — info progress only on a terminal or with --progress

    func testInfoProgressOnlyWhenAsked() throws {
        let quiet = try TestSupport.geotool(["info", "--stats", dem])
        XCTAssertEqual(quiet.status, 0, quiet.stderr)
        XCTAssertEqual(quiet.stderr, "", "stderr is not a terminal: no progress")
        let loud = try TestSupport.geotool(["info", "--stats", "--progress", dem])
        XCTAssertEqual(loud.status, 0, loud.stderr)
        XCTAssertTrue(loud.stderr.contains("info \(dem): 100%"), loud.stderr)
        XCTAssertEqual(quiet.stdout, loud.stdout)
    }
}
