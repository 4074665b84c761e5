import XCTest
import Foundation
import TestSupport

/// Every command that writes refuses an output that is one of its inputs — spelled directly, through a
/// symbolic link, as `./x/../a`, or as a hard link — before writing anything: non-zero exit, one line
/// naming the output and the input, and the directory (every file's bytes, hidden files included) as
/// it was.
final class OutputIsInputTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws {
        dir = try TestSupport.temporaryDirectory("output-is-input")
        try FileManager.default.createDirectory(atPath: "\(dir)/x", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Copies a fixture (or `source`) to `dir/name`.
    @discardableResult
    private func copy(_ source: String, to name: String) throws -> String {
        let path = "\(dir)/\(name)"
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: path)
        return path
    }

    /// The spellings of `name` (a file in `dir`) other than its own: `./x/../name`, a symbolic link and a
    /// hard link (both created here, in `dir`).
    private func otherSpellings(of name: String) throws -> [String] {
        let link = "\(dir)/link-\(name)", hard = "\(dir)/hard-\(name)"
        if !FileManager.default.fileExists(atPath: link) {
            try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: name)
            XCTAssertEqual(Foundation.link("\(dir)/\(name)", hard), 0)
        }
        return ["\(dir)/./x/../\(name)", link, hard]
    }

    /// Runs geotool and checks the refusal: non-zero exit, one line naming `output` and `input`, and
    /// nothing under `dir` changed.
    private func assertRefused(_ args: [String], output: String, input: String,
                               file: StaticString = #filePath, line: UInt = #line) throws {
        let before = try TestSupport.snapshot(dir)
        let r = try TestSupport.geotool(args)
        let what = args.joined(separator: " ")
        XCTAssertNotEqual(r.status, 0, what, file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(output) && r.stderr.contains(input), "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains("input"), r.stderr, file: file, line: line)
        XCTAssertEqual(try TestSupport.snapshot(dir), before, "\(what) changed files", file: file, line: line)
    }

    func testResample() throws {
        let a = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "a.tif")
        for out in [a] + (try otherSpellings(of: "a.tif")) {
            try assertRefused(["resample", a, out, "--factor", "2", "--method", "mean"], output: out, input: a)
        }
    }

    func testReprojectOutputAndOutDir() throws {
        let a = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "a.tif")
        for out in [a] + (try otherSpellings(of: "a.tif")) {
            try assertRefused(["reproject", a, "--t-srs", "EPSG:4326", "-o", out, "--overwrite"], output: out, input: a)
        }
        try assertRefused(["reproject", a, "--t-srs", "EPSG:4326", "--out-dir", dir, "--overwrite"], output: "a.tif", input: a)
        try assertRefused(["reproject", a, "--t-srs", "EPSG:4326", "--out-dir", "\(dir)/x/..", "--overwrite"], output: "a.tif", input: a)
    }

    func testExtractOutputNamingThePointsOrARaster() throws {
        let points = try copy(TestSupport.fixture("points.csv"), to: "points.csv")
        let a = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "a.tif")
        for out in [points] + (try otherSpellings(of: "points.csv")) {
            try assertRefused(["extract", "--points", points, a, "-o", out], output: out, input: points)
        }
        for out in [a] + (try otherSpellings(of: "a.tif")) {
            try assertRefused(["extract", "--points", points, a, "-o", out], output: out, input: a)
        }
    }

    func testEveryPlotSubcommand() throws {
        let a = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "a.tif")
        let csv = "\(dir)/t.csv"
        try "obs,pred,date,lst,time_s,S1\n1,1.1,2023-07-01,300,1e-5,1e-9\n2,2.2,2023-07-02,301,1e-4,1e-10\n3,2.9,2023-07-03,302,1e-3,1e-11\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let spellings = try otherSpellings(of: "t.csv")
        for out in [a] + (try otherSpellings(of: "a.tif")) {
            try assertRefused(["plot", "map", a, "-o", out], output: out, input: a)
            try assertRefused(["plot", "hist", a, "-o", out], output: out, input: a)
        }
        for out in [csv] + spellings {
            try assertRefused(["plot", "scatter", csv, "--x", "obs", "--y", "pred", "-o", out], output: out, input: csv)
            try assertRefused(["plot", "series", csv, "--x", "date", "--y", "lst", "-o", out], output: out, input: csv)
            try assertRefused(["plot", "decay", csv, "-o", out], output: out, input: csv)
            try assertRefused(["plot", "hist", csv, "--column", "obs", "-o", out], output: out, input: csv)
        }
        // plot batch: the CSV is the summary, or a group's PNG, of the output directory.
        let summary = try copy(csv, to: "batch/summary.csv")
        try assertRefused(["plot", "batch", summary, "--by", "date", "--kind", "scatter", "--x", "obs", "--y", "pred",
                           "--out", "\(dir)/batch"], output: "summary.csv", input: summary)
        let group = try copy(csv, to: "batch/2023-07-01.png")
        try assertRefused(["plot", "batch", group, "--by", "date", "--kind", "scatter", "--x", "obs", "--y", "pred",
                           "--out", "\(dir)/x/../batch"], output: "2023-07-01.png", input: group)
    }

    func testTEM1DRunOutNamingTheModelsOrSystemFile() throws {
        let models = try copy(TestSupport.fixture("tem1d/models.csv"), to: "models.csv")
        let system = try copy(TestSupport.fixture("tem1d/system.yaml"), to: "system.yaml")
        for out in [models] + (try otherSpellings(of: "models.csv")) {
            try assertRefused(["tem1d", "run", "--models", models, "--system", system, "--out", out], output: out, input: models)
        }
        // The system file as the output (a CSV name for it), and models inside OUT.parts (removed at the end).
        let systemCSV = try copy(TestSupport.fixture("tem1d/system.yaml"), to: "sys.csv")
        try assertRefused(["tem1d", "run", "--models", models, "--system", systemCSV, "--out", systemCSV], output: systemCSV, input: systemCSV)
        let parted = try copy(TestSupport.fixture("tem1d/models.csv"), to: "r.csv.parts/models.csv")
        try assertRefused(["tem1d", "run", "--models", parted, "--system", system, "--out", "\(dir)/r.csv"],
                          output: "r.csv.parts", input: parted)
    }

    func testErosionDeriveRunAndEvolveIntoTheirInputsDirectory() throws {
        let out = "\(dir)/out"
        let filled = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "out/filled.tif")
        try assertRefused(["erosion", "derive", filled, "--out", out], output: "filled.tif", input: filled)
        try FileManager.default.createSymbolicLink(atPath: "\(dir)/dem-link.tif", withDestinationPath: filled)
        try assertRefused(["erosion", "derive", "\(dir)/dem-link.tif", "--out", "\(dir)/x/../out"], output: "filled.tif", input: "dem-link.tif")
        let soilLoss = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "out/baseline_soil_loss.tif")
        let scenarios = try copy(TestSupport.fixture("scenarios/terrasim.yaml"), to: "terrasim.yaml")
        try assertRefused(["erosion", "run", soilLoss, "--scenarios", scenarios, "--out", out],
                          output: "baseline_soil_loss.tif", input: soilLoss)
        let summary = try copy(TestSupport.fixture("scenarios/terrasim.yaml"), to: "out/summary.csv")
        try assertRefused(["erosion", "run", filled, "--scenarios", summary, "--out", out], output: "summary.csv", input: summary)
        let final = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "out/elevation_final.tif")
        let step = try copy(TestSupport.fixture("dem_utm33n.tif"), to: "out/elevation_step000002.tif")
        let evolve = ["--years", "4", "--dt", "1", "--k", "1e-5", "--snapshot-every", "2", "--out", out]
        try assertRefused(["evolve", final] + evolve, output: "elevation_final.tif", input: final)
        try assertRefused(["evolve", step] + evolve, output: "elevation_step000002.tif", input: step)
    }

    func testEcostressRegridOutputNamedLikeAnInputGranule() throws {
        let granules = "\(dir)/granules"
        let scene = "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01"
        var lst = ""
        for layer in ["LST", "QC", "cloud", "water"] {
            let p = try copy(TestSupport.fixture("\(scene)_\(layer).tif"), to: "granules/\(scene)_\(layer).tif")
            if layer == "LST" { lst = p }
        }
        let sites = "\(dir)/sites.csv"
        try "site,west,south,east,north\n\(scene),16.29,46.06,16.36,46.12\n".write(toFile: sites, atomically: true, encoding: .utf8)
        try assertRefused(["ecostress", "regrid", granules, "--sites", sites, "--variables", "LST", "--target-res", "700", "700",
                           "--out", granules], output: "\(scene)_LST.tif", input: lst)
        try assertRefused(["ecostress", "regrid", granules, "--sites", sites, "--variables", "LST", "--target-res", "700", "700",
                           "--out", "\(dir)/x/../granules"], output: "\(scene)_LST.tif", input: lst)
    }
}
