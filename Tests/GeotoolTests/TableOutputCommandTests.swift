import Foundation
import GeoSupport
import TestSupport
import XCTest

/// `--table-output` on the commands whose result is a table, run as processes: the database table holds exactly the
/// CSV output's values (read back with `ogr2ogr`/`psql`, independent of geotool); an existing table needs --append or
/// --overwrite; bad destinations fail in one line (never the password) before any work; SIGKILL in the middle of the
/// write leaves the previous table or the complete new one.
final class TableOutputCommandTests: XCTestCase {
    private var dir = ""
    nonisolated(unsafe) private static var server: PostgresServer?
    nonisolated(unsafe) private static var skipReason: String?

    override class func setUp() {
        super.setUp()
        do { (server, skipReason) = try PostgresServer.start() } catch { skipReason = "FAIL cannot start PostgreSQL: \(error.localizedDescription)" }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("table-output") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func postgres() throws -> PostgresServer {
        if let reason = Self.skipReason, reason.hasPrefix("FAIL ") || ProcessInfo.processInfo.environment["GEOTOOL_REQUIRE_POSTGRES"] == "1" && Self.server == nil {
            XCTFail(reason)
        }
        guard let server = Self.server else { throw XCTSkip("PostgreSQL tests skipped: \(Self.skipReason ?? "no server")") }
        return server
    }

    @discardableResult
    private func geotool(_ args: [String], expect status: Int32 = 0) throws -> TestSupport.ProcessResult {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, status, "geotool \(args.joined(separator: " ")): \(r.stderr)")
        return r
    }

    /// A model table of `count` three-layer models.
    private func models(_ count: Int) throws -> String {
        var text = "rho_1,rho_2,rho_3,thk_1,thk_2\n"
        for i in 0..<count { text += "\(10 + i % 97),\(1 + Double(i % 13) / 4),300,\(5 + i % 7),30\n" }
        let path = "\(dir)/models-\(count).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func tem1d(_ models: String, out: String, _ extra: [String], expect status: Int32 = 0) throws -> TestSupport.ProcessResult {
        try geotool(["tem1d", "run", "--models", models, "--system", TestSupport.fixture("tem1d/system.yaml"), "--out", out,
                     "--jobs", "2"] + extra, expect: status)
    }

    /// A table read back with GDAL's ogr2ogr as CSV.
    private func readBack(_ source: String, layer: String) throws -> CSVTable {
        let r = try TestSupport.run("ogr2ogr", ["-f", "CSV", "/vsistdout/", source, layer])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try CSVTable(text: r.stdout)
    }

    /// The long table equals the wide CSV: one row per model and gate, every value (GDAL prints 15 digits).
    private func assertLongTable(_ table: CSVTable, equals csvPath: String, quantity: String = "dbdt",
                                 file: StaticString = #filePath, line: UInt = #line) throws {
        let wide = try CSVTable(path: csvPath)
        let gates = wide.header.indices.filter { wide.header[$0].hasPrefix("t_") }
        let kept = wide.header.indices.filter { !wide.header[$0].hasPrefix("t_") }
        XCTAssertEqual(table.header, kept.map { wide.header[$0] } + ["gate", "time_s", quantity], file: file, line: line)
        XCTAssertEqual(table.rows.count, wide.rows.count * gates.count, file: file, line: line)
        var k = 0
        for row in wide.rows {
            for (g, c) in gates.enumerated() {
                let got = table.rows[k]
                k += 1
                for (i, column) in kept.enumerated() { assertSameNumber(got[i], row[column], file: file, line: line) }
                XCTAssertEqual(got[kept.count], "\(g + 1)", file: file, line: line)
                let time = Double(wide.header[c].dropFirst(2))!
                XCTAssertEqual(Double(got[kept.count + 1])!, time, accuracy: time * 1e-3, file: file, line: line)
                assertSameNumber(got[kept.count + 2], row[c], file: file, line: line)
            }
        }
    }

    private func assertSameNumber(_ got: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let e = Double(expected), let g = Double(got) else { return XCTAssertEqual(got, expected, file: file, line: line) }
        XCTAssertEqual(g, e, accuracy: abs(e) * 1e-14, file: file, line: line)
    }

    func testTEM1DLongTableToGeoPackageAndModes() throws {
        let m = try models(7), gpkg = "\(dir)/results.gpkg"
        try tem1d(m, out: "\(dir)/a.csv", ["--table-output", gpkg])
        try assertLongTable(readBack(gpkg, layer: "tem1d_responses"), equals: "\(dir)/a.csv")
        // The table exists: refused before any work (b.csv is not written), one line naming the flags.
        let refused = try tem1d(m, out: "\(dir)/b.csv", ["--table-output", gpkg], expect: 1)
        XCTAssertEqual(refused.stderr, "geotool tem1d run: \(gpkg): table 'tem1d_responses' already exists (use --append or --overwrite)\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/b.csv"))
        try tem1d(m, out: "\(dir)/b.csv", ["--table-output", gpkg, "--append"])
        XCTAssertEqual(try readBack(gpkg, layer: "tem1d_responses").rows.count, 2 * 7 * 30)
        try tem1d(m, out: "\(dir)/c.csv", ["--table-output", gpkg, "--overwrite", "--quantity", "b"])
        try assertLongTable(readBack(gpkg, layer: "tem1d_responses"), equals: "\(dir)/c.csv", quantity: "b")
        try tem1d(m, out: "\(dir)/d.csv", ["--table-output", gpkg, "--table-name", "second"])
        XCTAssertEqual(try readBack(gpkg, layer: "second").rows.count, 7 * 30)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".") }, [])
    }

    func testSummariesOfBatchPlotAndErosion() throws {
        // batch results: a plain table; only the table is written when -o is not given.
        let spec = "\(dir)/spec.yaml"
        try "kind: synthetic\nparameters:\n  a: {grid: [1, 2]}\n  b: {list: [10, 20, 30]}\n".write(toFile: spec, atomically: true, encoding: .utf8)
        try geotool(["batch", "submit", spec, "--run-dir", "\(dir)/run"])
        try geotool(["batch", "run", "\(dir)/run", "--jobs", "2"])
        let gpkg = "\(dir)/summaries.gpkg"
        let onlyTable = try geotool(["batch", "results", "\(dir)/run", "--table-output", gpkg])
        XCTAssertEqual(onlyTable.stdout, "")
        let csv = try CSVTable(text: geotool(["batch", "results", "\(dir)/run"]).stdout)
        let results = try readBack(gpkg, layer: "results")
        XCTAssertEqual(results.header, csv.header)
        XCTAssertEqual(results.rows.count, 6)
        for (got, expected) in zip(results.rows, csv.rows) { for (g, e) in zip(got, expected) { assertSameNumber(g, e) } }
        let types = try TestSupport.run("ogrinfo", ["-ro", "-so", gpkg, "results"]).stdout
        XCTAssertTrue(types.contains("a: Integer64") && types.contains("outputs: String"), types)

        // plot batch summary.
        var text = "site,obs,pred\n"
        for i in 0..<20 { text += "\(i % 2 == 0 ? "A" : "B"),\(i),\(Double(i) * 1.1)\n" }
        try text.write(toFile: "\(dir)/p.csv", atomically: true, encoding: .utf8)
        try geotool(["plot", "batch", "\(dir)/p.csv", "--by", "site", "--kind", "scatter", "--x", "obs", "--y", "pred",
                     "--out", "\(dir)/plots", "--width", "200", "--height", "200", "--table-output", gpkg])
        let summary = try CSVTable(path: "\(dir)/plots/summary.csv")
        let plots = try readBack(gpkg, layer: "plot_summary")
        XCTAssertEqual(plots.header, summary.header)
        for (got, expected) in zip(plots.rows, summary.rows) { for (g, e) in zip(got, expected) { assertSameNumber(g, e) } }

        // erosion run summary.
        try geotool(["erosion", "run", TestSupport.fixture("dem_utm33n.tif"), "--scenarios", TestSupport.fixture("scenarios/terrasim.yaml"),
                     "--out", "\(dir)/erosion", "--table-output", gpkg])
        let erosion = try CSVTable(path: "\(dir)/erosion/summary.csv")
        let table = try readBack(gpkg, layer: "erosion_summary")
        XCTAssertEqual(table.header, erosion.header)
        XCTAssertEqual(table.rows.count, erosion.rows.count)
        for (got, expected) in zip(table.rows, erosion.rows) { for (g, e) in zip(got, expected) { assertSameNumber(g, e) } }
    }

    /// extract (points), ecostress regrid (cell polygons) and resample (cells with counts) equal the files they write.
    func testExtractRegridAndResampleTables() throws {
        let gpkg = "\(dir)/stages.gpkg"
        let lst = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture("")).filter { $0.hasSuffix("_LST.tif") }
            .map { TestSupport.fixture($0) }
        try geotool(["extract", "--points", TestSupport.fixture("points.csv")] + lst + [TestSupport.fixture("dem_utm33n.tif"),
                     "--qc", "nominal", "--mask", "cloud,water", "-o", "\(dir)/e.csv", "--table-output", gpkg])
        let csv = try CSVTable(path: "\(dir)/e.csv")
        let r = try TestSupport.run("ogr2ogr", ["-f", "CSV", "/vsistdout/", gpkg, "extract", "-lco", "GEOMETRY=AS_XY"])
        let points = try CSVTable(text: r.stdout)
        XCTAssertEqual(points.header, ["X", "Y"] + csv.header)
        XCTAssertEqual(points.rows.count, csv.rows.count)
        let lon = csv.header.firstIndex(of: "lon")!, lat = csv.header.firstIndex(of: "lat")!
        for (got, expected) in zip(points.rows, csv.rows) {
            assertSameNumber(got[0], expected[lon])
            assertSameNumber(got[1], expected[lat])
            for (g, e) in zip(got.dropFirst(2), expected) { assertSameNumber(g.replacingOccurrences(of: "/", with: "-"), e) }
        }
        XCTAssertTrue(try TestSupport.run("ogrinfo", ["-ro", "-so", gpkg, "extract"]).stdout.contains("date: Date"))

        try "site,west,south,east,north\nA,16.29,46.06,16.36,46.12\nB,16.33,46.08,16.40,46.14\n"
            .write(toFile: "\(dir)/sites.csv", atomically: true, encoding: .utf8)
        try geotool(["ecostress", "regrid", TestSupport.fixture(""), "--sites", "\(dir)/sites.csv", "--variables", "LST",
                     "--target-res", "700", "700", "--out", "\(dir)/regrid", "--table-output", gpkg])
        let a = try CSVTable(path: "\(dir)/regrid/A_LST.csv"), b = try CSVTable(path: "\(dir)/regrid/B_LST.csv")
        let cells = try CSVTable(text: TestSupport.run("ogr2ogr", ["-f", "CSV", "/vsistdout/", gpkg, "regrid", "-lco", "GEOMETRY=AS_WKT"]).stdout)
        XCTAssertEqual(cells.header, ["WKT", "site", "variable"] + a.header.map { $0 == "LST" ? "value" : $0 })
        XCTAssertEqual(cells.rows.count, a.rows.count + b.rows.count)
        let x = a.header.firstIndex(of: "x")!, y = a.header.firstIndex(of: "y")!
        for (got, expected) in zip(cells.rows, a.rows) {
            XCTAssertEqual(Array(got[1...2]), ["A", "LST"])
            for (g, e) in zip(got.dropFirst(3), expected) { assertSameNumber(g.replacingOccurrences(of: "/", with: "-"), e) }
            let (cx, cy) = (Double(expected[x])!, Double(expected[y])!)
            XCTAssertEqual(got[0], "POLYGON ((\(fmt(cx - 350)) \(fmt(cy - 350)),\(fmt(cx + 350)) \(fmt(cy - 350)),\(fmt(cx + 350)) \(fmt(cy + 350)),"
                           + "\(fmt(cx - 350)) \(fmt(cy + 350)),\(fmt(cx - 350)) \(fmt(cy - 350))))")
        }

        let dem = TestSupport.fixture("dem_utm33n.tif")
        try geotool(["resample", dem, "\(dir)/mean.tif", "--factor", "8", "--method", "mean", "--quiet", "--table-output", gpkg])
        try geotool(["resample", dem, "\(dir)/count.tif", "--factor", "8", "--method", "count", "--quiet"])
        let table = try readBack(gpkg, layer: "resample")
        XCTAssertEqual(table.header, ["col", "row", "value", "valid_count"])
        let mean = try TestSupport.run("gdal_translate", ["-q", "-of", "XYZ", "\(dir)/mean.tif", "/vsistdout/"]).stdout
        let count = try TestSupport.run("gdal_translate", ["-q", "-of", "XYZ", "\(dir)/count.tif", "/vsistdout/"]).stdout
        let means = mean.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        let counts = count.split(separator: "\n").map { $0.split(separator: " ").last.map(String.init) ?? "" }
        let nodata = means.filter { Double($0).map { !$0.isFinite } ?? true }.count   // the output's nodata is NaN
        XCTAssertEqual(table.rows.count, means.count - nodata)
        for row in table.rows {
            let i = Int(row[1])! * 32 + Int(row[0])!
            assertSameNumber(row[2], means[i])
            XCTAssertEqual(Double(row[3]), Double(counts[i]))
        }
    }

    private func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    /// Bad destinations: one line naming the destination and the problem, exit 1, nothing written — the CSV neither.
    func testBadDestinationsFailBeforeTheWork() throws {
        let m = try models(2)
        let port = try PostgresServer.freePort()
        let cases: [([String], String)] = [
            (["--table-output", "\(dir)/missing/r.gpkg"], "\(dir)/missing/r.gpkg: the directory \(dir)/missing does not exist"),
            (["--table-output", "\(dir)/r.gpkg", "--table-format", "NoSuchDriver"], "\(dir)/r.gpkg: unknown OGR vector driver 'NoSuchDriver'"),
            (["--table-output", "\(dir)/r.xyz"], "\(dir)/r.xyz: cannot tell the table format"),
            (["--table-output", "PG:host=127.0.0.1 port=\(port) dbname=x user=u password=hunter2 connect_timeout=5"],
             "PG:host=127.0.0.1 port=\(port) dbname=x user=u password=*** connect_timeout=5: cannot open"),
        ]
        for (args, expected) in cases {
            let r = try tem1d(m, out: "\(dir)/out.csv", args, expect: 1)
            XCTAssertTrue(r.stderr.hasPrefix("geotool tem1d run: \(expected)"), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertFalse(r.stderr.contains("hunter2"), r.stderr)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["models-2.csv"], "\(args)")
        }
        let misuse = try tem1d(m, out: "\(dir)/out.csv", ["--append"], expect: 2)
        XCTAssertTrue(misuse.stderr.contains("need --table-output"), misuse.stderr)
    }

    /// SIGKILL while the table is written leaves the previous table or the complete new one; the next write
    /// removes the dead process's temporary.
    func testKilledMidWriteLeavesPreviousOrCompleteGeoPackage() throws {
        let small = try models(3), big = try models(3000), gpkg = "\(dir)/killed.gpkg"
        try tem1d(small, out: "\(dir)/small.csv", ["--table-output", gpkg])
        var hits = 0
        for attempt in 0..<4 where hits == 0 {
            let p = try launch(["tem1d", "run", "--models", big, "--system", TestSupport.fixture("tem1d/system.yaml"),
                                "--out", "\(dir)/big\(attempt).csv", "--table-output", gpkg, "--overwrite", "--jobs", "2"])
            let caught = waitFor(p) { try! FileManager.default.contentsOfDirectory(atPath: self.dir).contains { $0.hasPrefix(".killed.gpkg.tmp-") } }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if caught { hits += 1 }
            let rows = try readBack(gpkg, layer: "tem1d_responses").rows.count
            XCTAssertTrue(rows == 3 * 30 || rows == 3000 * 30, "\(rows) rows after a kill")
        }
        XCTAssertGreaterThan(hits, 0, "never caught the write in progress")
        try tem1d(small, out: "\(dir)/again.csv", ["--table-output", gpkg, "--overwrite"])
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix(".killed") }, [])
    }

    func testPostGISLongTableModesAndKill() throws {
        let server = try postgres()
        let m = try models(5)
        try tem1d(m, out: "\(dir)/a.csv", ["--table-output", server.connectionString, "--table-name", "responses"])
        let csv = try CSVTable(text: "model_index,rho_1,rho_2,rho_3,thk_1,thk_2,gate,time_s,dbdt\n" + server.psql("""
            COPY (SELECT model_index, rho_1, rho_2, rho_3, thk_1, thk_2, gate, time_s, dbdt FROM responses ORDER BY ogc_fid) TO STDOUT WITH CSV
            """))
        try assertLongTable(csv, equals: "\(dir)/a.csv")
        XCTAssertTrue(try server.psql("SELECT obj_description('responses'::regclass)").contains("GEOTOOL_VERSION="))
        XCTAssertFalse(try server.psql("SELECT obj_description('responses'::regclass)").contains(server.password))
        let refused = try tem1d(m, out: "\(dir)/b.csv", ["--table-output", server.connectionString, "--table-name", "responses"], expect: 1)
        XCTAssertTrue(refused.stderr.contains("password=***") && refused.stderr.contains("already exists (use --append or --overwrite)"), refused.stderr)
        XCTAssertFalse(refused.stderr.contains(server.password))
        let wrong = server.connectionString.replacingOccurrences(of: server.password, with: "wrong-pw")
        let denied = try tem1d(m, out: "\(dir)/b.csv", ["--table-output", wrong], expect: 1)
        XCTAssertTrue(denied.stderr.contains("password authentication failed") && !denied.stderr.contains("wrong-pw"), denied.stderr)

        // SIGKILL during the COPY: the server rolls back; the table keeps its previous rows.
        let big = try models(3000)
        var hits = 0
        for attempt in 0..<4 where hits == 0 {
            let p = try launch(["tem1d", "run", "--models", big, "--system", TestSupport.fixture("tem1d/system.yaml"),
                                "--out", "\(dir)/big\(attempt).csv", "--table-output", server.connectionString,
                                "--table-name", "responses", "--overwrite", "--jobs", "2"])
            let caught = waitFor(p) {
                (try? server.psql("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'COPY%'"))?
                    .trimmingCharacters(in: .whitespacesAndNewlines) == "1"
            }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            if caught { hits += 1 }
            var rows = -1
            for _ in 0..<50 {   // the server notices the dead client and rolls back
                rows = Int(try server.psql("SELECT count(*) FROM responses").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
                if rows == 5 * 30 || rows == 3000 * 30 { break }
                usleep(100_000)
            }
            XCTAssertTrue(rows == 5 * 30 || rows == 3000 * 30, "\(rows) rows after a kill")
        }
        XCTAssertGreaterThan(hits, 0, "never caught the COPY in progress")
    }

    private func launch(_ arguments: [String]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// Polls `condition` every 5 ms while `process` runs (at most 60 s); whether it became true.
    private func waitFor(_ process: Process, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline {
            if condition() { return true }
            usleep(5_000)
        }
        return false
    }
}
