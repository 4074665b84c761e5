import Foundation
import GeoSupport
import Grid
import Raster
import TestSupport
import XCTest

/// The domain job kinds of `geotool batch` (erosion-scenario, tem1d-chunk, plot, and the stages reproject,
/// resample, extract, ecostress-regrid), each checked against the stand-alone command that computes the same
/// thing: rasters pixel for pixel with the same type, geotransform and CRS, CSVs byte for byte.
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

    // MARK: stages: the CLI command and the job kind give the same outputs

    /// Fails unless `a` and `b` hold the same pixels (bit for bit, NaN = NaN), types, geotransform and CRS.
    private func assertSameRaster(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (x, y) = (try Dataset.open(a), try Dataset.open(b))
        XCTAssertEqual([x.width, x.height, x.bandCount], [y.width, y.height, y.bandCount], "\(a) vs \(b)", file: file, line: line)
        XCTAssertEqual(x.geoTransform, y.geoTransform, "\(a) vs \(b)", file: file, line: line)
        XCTAssertEqual(x.crsWKT, y.crsWKT, "\(a) vs \(b)", file: file, line: line)
        for i in 1...max(1, min(x.bandCount, y.bandCount)) {
            let (p, q) = (try x.band(i), try y.band(i))
            XCTAssertEqual(p.dataType, q.dataType, "band \(i)", file: file, line: line)
            XCTAssertTrue(try p.read(Double.self).isIdentical(to: try q.read(Double.self)), "\(a) vs \(b) band \(i)",
                          file: file, line: line)
        }
    }

    private func assertSameBytes(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (x, y) = (try XCTUnwrap(FileManager.default.contents(atPath: a), a), try XCTUnwrap(FileManager.default.contents(atPath: b), b))
        XCTAssertFalse(x.isEmpty, a, file: file, line: line)
        XCTAssertEqual(x, y, "\(a) vs \(b)", file: file, line: line)
    }

    /// The completed rows of batch `batch`, keyed by `key`'s value.
    private func completed(_ run: String, batch: Int, by key: String) throws -> [String: [String: String]] {
        let rows = try results(run, batch: batch)
        for row in rows { XCTAssertEqual(row["status"] ?? "COMPLETED", "COMPLETED", "\(row)") }
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[key] ?? "", $0) })
    }

    func testResampleJobsMatchResampleCommand() throws {
        let run = "\(dir)/run"
        try runBatch("""
            kind: resample
            inputs: {input: \(dem), factor: 8, min_valid_fraction: 0.5}
            parameters:
              method: {list: [mean, sum, count]}
            """, run: run)
        let rows = try completed(run, batch: 1, by: "method")
        for method in ["mean", "sum", "count"] {
            let cli = "\(dir)/\(method).tif"
            try geotool(["resample", dem, cli, "--factor", "8", "--method", method, "--min-valid-fraction", "0.5", "--quiet"])
            let row = try XCTUnwrap(rows[method], method)
            try assertSameRaster("\(run)/outputs/\(row["job_id"]!)/resampled.tif", cli)
            XCTAssertEqual(row["n_cells"], "1024", "32 × 32 cells")
        }
        // A target resolution and extent, as --tr / --te.
        try runBatch("""
            kind: resample
            inputs: {input: \(dem), method: max, tr_x: 100, tr_y: 150, te_xmin: 600000, te_ymin: 5104000, te_xmax: 605000, te_ymax: 5110000, output: max.tif}
            parameters: {}
            """, run: run, name: "tr.yaml")
        try geotool(["resample", dem, "\(dir)/max.tif", "--tr", "100", "150", "--te", "600000", "5104000", "605000", "5110000",
                     "--method", "max", "--quiet"])
        let row = try XCTUnwrap(try results(run, batch: 2).first)
        try assertSameRaster("\(run)/outputs/\(row["job_id"]!)/max.tif", "\(dir)/max.tif")
    }

    func testReprojectJobsMatchReprojectCommand() throws {
        let input = TestSupport.fixture("dem_wgs84_int16.tif")
        let run = "\(dir)/run"
        try runBatch("""
            kind: reproject
            inputs: {input: \(input), t_srs: "EPSG:32633", tr_x: 60, tr_y: 60}
            parameters:
              r: {list: [nearest, bilinear]}
            """, run: run)
        let rows = try completed(run, batch: 1, by: "r")
        for method in ["nearest", "bilinear"] {
            let out = "\(dir)/\(method)"
            try geotool(["reproject", input, "--t-srs", "EPSG:32633", "--tr", "60", "60", "-r", method, "--out-dir", out])
            let row = try XCTUnwrap(rows[method], method)
            try assertSameRaster("\(run)/outputs/\(row["job_id"]!)/dem_wgs84_int16.tif", "\(out)/dem_wgs84_int16.tif")
            XCTAssertGreaterThan(Double(row["n_cells"] ?? "") ?? 0, 100)
        }
    }

    func testExtractJobsMatchExtractCommand() throws {
        let points = TestSupport.fixture("points.csv")
        let lst = TestSupport.fixture("ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif")
        let run = "\(dir)/run"
        try runBatch("""
            kind: extract
            inputs: {points: \(points), raster_1: \(lst), raster_2: \(dem), qc: nominal, mask: "cloud,water"}
            parameters:
              format: {list: [long, wide]}
              interp: {list: [nearest, bilinear]}
            """, run: run)
        let rows = try completed(run, batch: 1, by: "format")
        for (format, interp) in [("long", "nearest"), ("wide", "bilinear")] {
            let cli = "\(dir)/\(format).csv"
            try geotool(["extract", "--points", points, lst, dem, "--qc", "nominal", "--mask", "cloud,water",
                         "--format", format, "--interp", interp, "-o", cli])
            let row = try XCTUnwrap(rows[format], format)
            try assertSameBytes("\(run)/outputs/\(row["job_id"]!)/extract.csv", cli)
            let table = try CSVTable(path: cli)
            XCTAssertEqual(row["n_rows"], "\(table.rows.count)")
            let statuses = ["n_ok", "n_outside", "n_nodata", "n_masked"].map { Int(row[$0] ?? "") ?? -1 }
            XCTAssertEqual(statuses.reduce(0, +), 2 * (Int(row["n_points"] ?? "") ?? 0), "every point × raster has one status")
            if format == "long" {
                for (k, status) in ["ok", "outside", "nodata", "masked"].enumerated() {
                    XCTAssertEqual(statuses[k], table.rows.filter { $0[8] == status }.count, status)
                }
            }
        }
    }

    func testEcostressRegridJobsPerSiteMatchRegridCommand() throws {
        let fixtures = TestSupport.repoRoot.appendingPathComponent("fixtures").path
        let sites = "\(dir)/sites.csv"
        try "site,west,south,east,north\nA,16.29,46.06,16.36,46.12\nB,16.30,46.08,16.40,46.14\nFar,0,0,0.1,0.1\n"
            .write(toFile: sites, atomically: true, encoding: .utf8)
        try geotool(["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST", "--target-res", "700", "700",
                     "--qc", "nominal", "--mask", "cloud,water", "--out", "\(dir)/cli"])
        let run = "\(dir)/run"
        try runBatch("""
            kind: ecostress-regrid
            inputs: {directory: \(fixtures), sites: \(sites), variables: LST, target_res_x: 700, target_res_y: 700, qc: nominal, mask: "cloud,water"}
            parameters:
              site: {list: [A, B, Far]}
            """, run: run)
        let rows = try completed(run, batch: 1, by: "site")
        for site in ["A", "B", "Far"] {
            let row = try XCTUnwrap(rows[site], site)
            let job = "\(run)/outputs/\(row["job_id"]!)"
            try assertSameBytes("\(job)/\(site)_LST.csv", "\(dir)/cli/\(site)_LST.csv")
            XCTAssertEqual(row["n_rows"], "\(try CSVTable(path: "\(dir)/cli/\(site)_LST.csv").rows.count)")
            if site == "Far" {
                XCTAssertFalse(FileManager.default.fileExists(atPath: "\(job)/Far_LST.tif"), "no file covers Far")
                XCTAssertEqual(row["n_dates"], "0")
            } else {
                try assertSameRaster("\(job)/\(site)_LST.tif", "\(dir)/cli/\(site)_LST.tif")
                XCTAssertEqual(row["n_dates"], "2")
            }
        }
    }

    func testErosionDeriveJobsMatchErosionDerive() throws {
        let run = "\(dir)/run"
        try runBatch("""
            kind: erosion-derive
            inputs: {dem: \(dem)}
            parameters:
              routing: {list: [d8, mfd]}
              slope_source: {list: [input, filled]}
            """, run: run)
        let rows = try completed(run, batch: 1, by: "routing")
        for (routing, source) in [("d8", "input"), ("mfd", "filled")] {
            try geotool(["erosion", "derive", dem, "--out", "\(dir)/\(routing)", "--routing", routing, "--slope-source", source,
                         "--jobs", "2"])
            let row = try XCTUnwrap(rows[routing], routing)
            for name in ["filled", "flowdir", "accumulation", "contributing_area", "slope", "aspect", "ls"] {
                try assertSameRaster("\(run)/outputs/\(row["job_id"]!)/\(name).tif", "\(dir)/\(routing)/\(name).tif")
            }
            XCTAssertEqual(row["n_cells"], "65536")
        }
    }

    func testEvolveJobsMatchEvolve() throws {
        let run = "\(dir)/run"
        try runBatch("""
            kind: evolve
            inputs: {dem: \(dem), years: 3000, dt: 1000, m: 0.5, n: 1, d: 0.01, uplift: 0.001, snapshot_every: 2}
            parameters:
              k: {list: [1e-5, 4e-5]}
            """, run: run)
        for (i, k) in ["1e-5", "4e-5"].enumerated() {
            let out = "\(dir)/evolve\(i)"
            try geotool(["evolve", dem, "--years", "3000", "--dt", "1000", "--k", k, "--m", "0.5", "--n", "1", "--d", "0.01",
                         "--uplift", "0.001", "--snapshot-every", "2", "--out", out])
            let row = try XCTUnwrap(try results(run, batch: 1).first { Double($0["k"] ?? "") == Double(k) }, k)
            XCTAssertEqual(row["steps"], "3")
            XCTAssertEqual(row["snapshots"], "2", "steps 2 and 3 (the last)")
            for name in ["elevation_step000002.tif", "elevation_step000003.tif", "elevation_final.tif"] {
                try assertSameRaster("\(run)/outputs/\(row["job_id"]!)/\(name)", "\(out)/\(name)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                           ["elevation_final.tif", "elevation_step000002.tif", "elevation_step000003.tif"])
        }
    }

    func testKindsListsEveryStageWithItsWholeParameterNames() throws {
        let text = try geotool(["kinds"]).stdout
        let lines = Set(text.split(separator: "\n").map(String.init))
        for kind in ["reproject", "resample", "extract", "ecostress-regrid", "erosion-derive", "evolve"] {
            XCTAssertTrue(lines.contains(kind), kind)
        }
        XCTAssertTrue(text.contains("  landcover_classes  text; default 3-6"), text)
        XCTAssertTrue(text.contains("  min_valid_fraction number 0…1; default 0.5"), text)
    }

    func testStageParametersAreValidatedAtSubmit() throws {
        let path = "\(dir)/bad.yaml"
        let points = TestSupport.fixture("points.csv")
        for (yaml, message) in [
            ("kind: resample\ninputs: {input: \(dem), factor: 2, tr_x: 10, tr_y: 10}\nparameters:\n  method: {list: [sum]}",
             "factor: give either factor or tr_x and tr_y, not both"),
            ("kind: resample\ninputs: {input: \(dem), tr_x: 10}\nparameters:\n  method: {list: [sum]}", "parameters.tr_y: is required with tr_x"),
            ("kind: resample\ninputs: {input: \(dem), factor: 2}\nparameters:\n  method: {list: [median]}",
             "parameters.method: must be one of sum, mean, min, max, count, got 'median'"),
            ("kind: resample\ninputs: {input: \(dem), factor: 2, method: sum}\nparameters:\n  co: {list: [COMPRESS]}",
             "parameters.co: expected KEY=VALUE, got 'COMPRESS'"),
            ("kind: reproject\ninputs: {input: \(dem)}\nparameters:\n  t_srs: {list: [\"EPSG:99999999\"]}", "parameters.t_srs: "),
            ("kind: reproject\ninputs: {input: \(dem), t_srs: \"EPSG:4326\"}\nparameters:\n  r: {list: [sinc]}", "parameters.r: must be one of"),
            ("kind: extract\ninputs: {points: \(points), raster: \(dem), interp: bilinear}\nparameters:\n  stat: {list: [mean3x3]}",
             "parameters.stat: choose either interpolation bilinear or statistic mean3x3, not both"),
            ("kind: extract\ninputs: {points: \(points), raster: \(dem)}\nparameters:\n  band: {list: [0]}",
             "parameters.band: must be a band number ≥ 1 or 'all'"),
            ("kind: extract\ninputs: {points: \(points)}\nparameters:\n  format: {list: [wide]}", "parameters.raster: is required"),
            ("kind: extract\ninputs: {points: \(points), raster: \(dem), landcover: \(dem)}\nparameters:\n  landcover_classes: {list: [3x]}",
             "parameters.landcover_classes: '3x' is not a class or a range like 3-6"),
            ("kind: ecostress-regrid\ninputs: {directory: \(dir), sites: \(points), variables: LST, target_res_y: 70}\nparameters:\n  target_res_x: {list: [-70]}",
             "parameters.target_res_x: needs two positive numbers"),
            ("kind: ecostress-regrid\ninputs: {directory: \(dir), sites: \(points), target_res_x: 70, target_res_y: 70}\nparameters:\n  variables: {list: [\",\"]}",
             "parameters.variables: names no layer"),
            ("kind: evolve\ninputs: {dem: \(dem), years: 10, k: 1e-5}\nparameters:\n  dt: {list: [0]}", "parameters.dt: must be finite and > 0"),
            ("kind: evolve\ninputs: {dem: \(dem), dt: 1e-9, k: 1e-5}\nparameters:\n  years: {list: [1e18]}", "parameters.years: 1e+18 years"),
            ("kind: erosion-derive\ninputs: {dem: \(dem)}\nparameters:\n  fill: {list: [bogus]}", "parameters.fill: must be one of"),
        ] {
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try geotool(["batch", "submit", path, "--run-dir", "\(dir)/run"], expect: 1)
            XCTAssertTrue(r.stderr.contains(message), "\(yaml)\n→ \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
        let status = try TestSupport.geotool(["batch", "status", "\(dir)/run", "--json"])
        XCTAssertTrue(status.status != 0 || status.stdout.filter { !$0.isWhitespace } == "[]", status.stdout)
    }
}
