import Foundation
import Grid
import Raster
import TestSupport
import XCTest

/// The domain job kinds of `geotool batch` (erosion-scenario, tem1d-chunk, plot), each checked
/// against the stand-alone command that computes the same thing.
final class BatchJobKindsTests: XCTestCase {
    private var dir = ""
    private let dem = TestSupport.fixture("dem_utm33n.tif")

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("batch-kinds") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    private func geotool(_ args: [String], expect status: Int32 = 0) throws -> TestSupport.ProcessResult {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, status, "geotool \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// Submits `yaml` to `run` and runs it on 2 workers.
    private func runBatch(_ yaml: String, run: String, name: String = "spec.yaml") throws {
        let path = "\(dir)/\(name)"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        try geotool(["batch", "submit", path, "--run-dir", run])
        try geotool(["batch", "run", run, "--jobs", "2"])
    }

    /// `batch results` as rows of column name → text.
    private func results(_ run: String, batch: Int) throws -> [[String: String]] {
        let text = try geotool(["batch", "results", run, "--batch", "\(batch)"]).stdout
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(lines[0], $0)) }
    }

    private func csvColumns(_ path: String) throws -> [String: [Double]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        var columns: [String: [Double]] = [:]
        for line in lines.dropFirst() {
            for (name, field) in zip(header, line.split(separator: ",")) { columns[name, default: []].append(Double(field) ?? .nan) }
        }
        return columns
    }

    func testErosionScenariosMatchErosionRun() throws {
        // Two TerraSim scenarios through `erosion run` …
        let scenarios = "\(dir)/scen.yaml"
        try """
            base: {R: 500, K: 0.03, C: 0.2, P: 1.0}
            scenarios:
              - {name: baseline}
              - {name: extreme, multiply: {R: 2, C: 3}}
            """.write(toFile: scenarios, atomically: true, encoding: .utf8)
        try geotool(["erosion", "run", dem, "--scenarios", scenarios, "--out", "\(dir)/cli", "--jobs", "2"])
        // … and the same two as batch jobs (the second by multipliers, as the scenario file does).
        let run = "\(dir)/run"
        try runBatch("""
            kind: erosion-scenario
            inputs: {dem: \(dem)}
            parameters:
              name: {list: [baseline, extreme]}
              multiply_R: {list: [1, 2]}
              multiply_C: {list: [1, 3]}
            isolation: thread
            """, run: run)
        let rows = try results(run, batch: 1)
        XCTAssertEqual(rows.count, 2)
        let summary = try csvColumns("\(dir)/cli/summary.csv")
        for (i, name) in ["baseline", "extreme"].enumerated() {
            let row = try XCTUnwrap(rows.first { $0["scenario"] == name })
            for column in ["cells", "mean_t_ha_yr", "p95_t_ha_yr", "total_t_yr", "usped_erosion_t_yr", "area_m2_moderate"] {
                let job = try XCTUnwrap(Double(row[column] ?? ""), column)
                XCTAssertEqual(job, summary[column]![i], accuracy: 1e-5 * max(1, abs(job)), "\(name) \(column)")
            }
            let jobID = try XCTUnwrap(row["job_id"])
            for layer in ["soil_loss", "usped", "risk"] {
                let a = try RasterFile.read("\(run)/outputs/\(jobID)/\(layer).tif", as: Double.self).grid
                let b = try RasterFile.read("\(dir)/cli/\(name)_\(layer).tif", as: Double.self).grid
                XCTAssertTrue(a.isIdentical(to: b), "\(name) \(layer)")
            }
        }
        // RUSLE is linear in R·C: the extreme scenario's mean loss is exactly 6× the baseline's.
        let mean = { (n: String) in Double(rows.first { $0["scenario"] == n }!["mean_t_ha_yr"]!)! }
        XCTAssertEqual(mean("extreme"), 6 * mean("baseline"), accuracy: 1e-4 * mean("extreme"))
    }

    func testErosionParametersAreValidatedAtSubmit() throws {
        let path = "\(dir)/bad.yaml"
        for (yaml, message) in [
            ("kind: erosion-scenario\ninputs: {dem: \(dem)}\nparameters:\n  rainfall: {list: [1]}", "parameters.rainfall: is not a parameter of this kind"),
            ("kind: erosion-scenario\ninputs: {dem: \(dem)}\nparameters:\n  routing: {list: [dinf]}", "parameters.routing: must be one of d8, mfd, got 'dinf'"),
            ("kind: erosion-scenario\nparameters:\n  R: {list: [1]}", "parameters.dem: is required"),
            ("kind: erosion-scenario\ninputs: {dem: \(dem)}\nparameters:\n  C: {list: [-1]}", "factor must be finite and ≥ 0"),
        ] {
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try geotool(["batch", "submit", path, "--run-dir", "\(dir)/run"], expect: 1)
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        // Nothing was stored: either no store at all or one without batches.
        let status = try TestSupport.geotool(["batch", "status", "\(dir)/run", "--json"])
        XCTAssertTrue(status.status != 0 || status.stdout.filter { !$0.isWhitespace } == "[]", status.stdout)
    }

    func testTEM1DJobsMatchTEM1DRun() throws {
        let system = TestSupport.fixture("tem1d/system.yaml"), models = TestSupport.fixture("tem1d/models.csv")
        try geotool(["tem1d", "run", "--models", models, "--system", system, "--out", "\(dir)/cli.csv"])
        let cli = try String(contentsOfFile: "\(dir)/cli.csv", encoding: .utf8).split(separator: "\n")
            .dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        let layers = 3, gates = 30
        let run = "\(dir)/run"
        // Batch 1: the model file in chunks of 3 (rows 0–2, 3).
        try runBatch("""
            kind: tem1d-chunk
            inputs: {system: \(system), models: \(models), chunk_size: 3}
            parameters:
              chunk: {list: [0, 1]}
            """, run: run, name: "chunks.yaml")
        // Batch 2: the first two rows as parameter models.
        try runBatch("""
            kind: tem1d-chunk
            inputs: {system: \(system)}
            parameters:
              rho_1: {list: [\(cli[0][1]), \(cli[1][1])]}
              rho_2: {list: [\(cli[0][2]), \(cli[1][2])]}
              rho_3: {list: [\(cli[0][3]), \(cli[1][3])]}
              thk_1: {list: [\(cli[0][4]), \(cli[1][4])]}
              thk_2: {list: [\(cli[0][5]), \(cli[1][5])]}
            """, run: run, name: "params.yaml")
        let chunkRows = try results(run, batch: 1)
        XCTAssertEqual(chunkRows.map { $0["model_count"] }.sorted(by: { ($0 ?? "") > ($1 ?? "") }), ["3", "1"])
        var fromChunks: [String: [Double]] = [:]
        for row in chunkRows { fromChunks.merge(try csvColumns("\(run)/outputs/\(row["job_id"]!)/dbzdt.csv")) { a, _ in a } }
        for m in 0..<cli.count {
            let expected = Array(cli[m][(1 + 2 * layers - 1)...])
            XCTAssertEqual(expected.count, gates)
            let got = try XCTUnwrap(fromChunks["model_\(m)"], "model_\(m)")
            for g in 0..<gates { XCTAssertEqual(got[g], expected[g], accuracy: 1e-12 * abs(expected[g]), "model \(m) gate \(g)") }
        }
        for row in try results(run, batch: 2) {
            let m = row["rho_1"].flatMap(Double.init) == cli[0][1] ? 0 : 1
            XCTAssertEqual(Double(row["dbzdt_01"]!)!, cli[m][6], accuracy: 1e-12 * abs(cli[m][6]))
            XCTAssertEqual(Double(row["dbzdt_30"]!)!, cli[m][35], accuracy: 1e-12 * abs(cli[m][35]))
            XCTAssertNotNil(row["bz_30"].flatMap(Double.init))
        }
    }

    func testPlotJobsDrawOnePNGPerJobAndRejectUnknownOptions() throws {
        let run = "\(dir)/run"
        try runBatch("""
            kind: plot
            inputs: {type: map, input: \(dem), flags: hillshade, width: 400, height: 300}
            parameters:
              cmap: {list: [terrain, viridis]}
            """, run: run)
        for row in try results(run, batch: 1) {
            XCTAssertEqual(row["status"] ?? "COMPLETED", "COMPLETED")
            let png = try XCTUnwrap(FileManager.default.contents(atPath: "\(run)/outputs/\(row["job_id"]!)/plot.png"))
            XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
            XCTAssertEqual([width, height], [400, 300])
        }
        let bad = "\(dir)/bad.yaml"
        try "kind: plot\ninputs: {type: map, input: \(dem)}\nparameters:\n  colourmap: {list: [magma]}".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try geotool(["batch", "submit", bad, "--run-dir", run], expect: 1)
        XCTAssertTrue(r.stderr.contains("parameters.colourmap: is not a parameter of this kind"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
    }
}
