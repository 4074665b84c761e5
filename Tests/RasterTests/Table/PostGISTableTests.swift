import Foundation
import XCTest
import Raster
import TestSupport

/// Tables written to a real PostgreSQL/PostGIS server (started by the test: `PostgresServer`), read back with
/// `psql`: every value (reals as GDAL's PostgreSQL driver sends them, 15 significant digits) and geometry,
/// types, SRID, GiST index, COMMENT; append / overwrite / exists; a value the server rejects rolls back
/// everything; unreachable server and wrong credentials fail in one line without the password.
final class PostGISTableTests: XCTestCase {
    nonisolated(unsafe) private static var server: PostgresServer?
    nonisolated(unsafe) private static var skipReason: String?

    override class func setUp() {
        super.setUp()
        do {
            let (server, reason) = try PostgresServer.start()
            Self.server = server
            Self.skipReason = reason
        } catch {
            Self.skipReason = "cannot start PostgreSQL: \(error.localizedDescription)"
            if ProcessInfo.processInfo.environment["GEOTOOL_REQUIRE_POSTGRES"] == "1" { Self.skipReason = "FAIL " + Self.skipReason! }
        }
    }

    override class func tearDown() {
        server?.stop()
        server = nil
        super.tearDown()
    }

    private func db() throws -> PostgresServer {
        if let reason = Self.skipReason, reason.hasPrefix("FAIL ") { XCTFail(reason) }
        guard let server = Self.server else { throw XCTSkip("PostgreSQL tests skipped: \(Self.skipReason ?? "no server")") }
        return server
    }

    private func destination(_ server: PostgresServer, table: String, mode: TableWriteMode = .create) throws -> TableDestination {
        try TableDestination(server.connectionString, table: table, mode: mode)
    }

    func testEveryValueReadsBackWithPsql() throws {
        let server = try db()
        let table = TableFixture.table(count: 300)
        XCTAssertEqual(try table.write(to: destination(server, table: "samples"), metadata: ["GEOTOOL_VERSION": "test"]), 300)
        let out = try server.psql("""
            SELECT id, value, name, to_char(day, 'YYYY-MM-DD'), to_char(taken AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS'),
                   ST_X(wkb_geometry), ST_Y(wkb_geometry) FROM samples ORDER BY ogc_fid
            """)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        XCTAssertEqual(lines.count, 300)
        for (row, line) in zip(table.rows, lines) {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            let expected = row.values.map { v -> String in
                switch v {
                case .null: return ""
                case .integer(let i): return String(i)
                // GDAL 3.6's PostgreSQL driver sends reals as "%.15g" text (COPY and INSERT alike); PostgreSQL
                // prints float8 in shortest round-trip form, like Swift: the stored value is exactly that of %.15g.
                case .real(let d): return String(Double(String(format: "%.15g", d))!)
                case .text(let s): return s
                case .date(let y, let m, let d): return String(format: "%04d-%02d-%02d", y, m, d)
                case .dateTime(let y, let m, let d, let h, let mi, let s):
                    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", y, m, d, h, mi, Int(s))
                }
            }
            XCTAssertEqual(Array(cells[0..<5]).enumerated().map { i, c in i == 1 ? (Double(c).map { String($0) } ?? c) : c },
                           expected)
            guard case .point(let x, let y) = row.geometry else { return XCTFail() }
            XCTAssertEqual(Double(cells[5]), x)
            XCTAssertEqual(Double(cells[6]), y)
        }
        let types = try server.psql("""
            SELECT string_agg(column_name || ':' || data_type, ',' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_name = 'samples' AND column_name IN ('id', 'value', 'name', 'day', 'taken')
            """)
        XCTAssertEqual(types.trimmingCharacters(in: .whitespacesAndNewlines),
                       "id:bigint,value:double precision,name:character varying,day:date,taken:timestamp with time zone")
        XCTAssertEqual(try server.psql("SELECT Find_SRID('public', 'samples', 'wkb_geometry')").trimmingCharacters(in: .whitespacesAndNewlines), "32633")
        XCTAssertTrue(try server.psql("SELECT indexdef FROM pg_indexes WHERE tablename = 'samples'").contains("USING gist"))
        XCTAssertEqual(try server.psql("SELECT obj_description('samples'::regclass)").trimmingCharacters(in: .whitespacesAndNewlines),
                       "GEOTOOL_VERSION=test")
    }

    func testAppendOverwriteExists() throws {
        let server = try db()
        try TableFixture.table(count: 5).write(to: destination(server, table: "modes"))
        XCTAssertThrowsError(try TableFixture.table(count: 5).write(to: destination(server, table: "modes"))) {
            XCTAssertEqual(($0 as! TableError).kind, .tableExists)
            XCTAssertFalse("\($0)".contains(server.password), "\($0)")
            XCTAssertTrue("\($0)".contains("password=***"), "\($0)")
        }
        try TableFixture.table(count: 2).write(to: destination(server, table: "modes", mode: .append))
        XCTAssertEqual(try count(server, "modes"), 7)
        try TableFixture.table(count: 3).write(to: destination(server, table: "modes", mode: .overwrite))
        XCTAssertEqual(try count(server, "modes"), 3)
    }

    /// A value the server rejects (month 13) after thousands of rows: nothing of the write remains — neither in a
    /// new table nor in an existing one being appended to or overwritten.
    func testRejectedValueRollsBackEverything() throws {
        let server = try db()
        var bad = TableFixture.table(count: 5000)
        bad.append(TableRow([.integer(1), .real(1), .text("x"), .date(year: 2023, month: 13, day: 1), .null],
                            geometry: .point(x: 0, y: 0)))
        XCTAssertThrowsError(try bad.write(to: destination(server, table: "rolled"))) {
            XCTAssertEqual(($0 as! TableError).kind, .writeFailed)
            XCTAssertFalse("\($0)".contains(server.password), "\($0)")
        }
        XCTAssertEqual(try server.psql("SELECT to_regclass('public.rolled') IS NULL").trimmingCharacters(in: .whitespacesAndNewlines), "t")
        try TableFixture.table(count: 4).write(to: destination(server, table: "kept"))
        for mode in [TableWriteMode.append, .overwrite] {
            XCTAssertThrowsError(try bad.write(to: destination(server, table: "kept", mode: mode)))
            XCTAssertEqual(try count(server, "kept"), 4, "\(mode)")
        }
    }

    func testUnreachableServerAndWrongCredentials() throws {
        let server = try db()
        let port = try PostgresServer.freePort()
        let unreachable = "PG:host=127.0.0.1 port=\(port) dbname=geotool user=geotool password=hunter2 connect_timeout=5"
        XCTAssertThrowsError(try TableFixture.table(count: 1).write(to: TableDestination(unreachable, table: "t"))) {
            XCTAssertEqual(($0 as! TableError).kind, .cannotOpen)
            let line = "\($0)"
            XCTAssertFalse(line.contains("hunter2"), line)
            XCTAssertFalse(line.contains("\n"), line)
            XCTAssertTrue(line.hasPrefix("PG:host=127.0.0.1 port=\(port) dbname=geotool user=geotool password=*** connect_timeout=5: cannot open"), line)
        }
        let wrong = server.connectionString.replacingOccurrences(of: server.password, with: "not-the-password")
        XCTAssertThrowsError(try TableFixture.table(count: 1).write(to: TableDestination(wrong, table: "t"))) {
            let line = "\($0)"
            XCTAssertFalse(line.contains("not-the-password"), line)
            XCTAssertTrue(line.contains("password authentication failed"), line)
        }
    }

    private func count(_ server: PostgresServer, _ table: String) throws -> Int {
        Int(try server.psql("SELECT count(*) FROM \(table)").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }
}
