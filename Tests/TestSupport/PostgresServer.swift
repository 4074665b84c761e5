import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A throw-away PostgreSQL cluster for tests: `initdb` into a temporary directory (as the unprivileged `postgres`
/// user when the tests run as root: postgres refuses to run as root), `pg_ctl start` on a free loopback port with
/// its own socket directory, password authentication over TCP (so wrong credentials are testable), trust over
/// the socket (for `psql` checks), a database `geotool` with PostGIS. `stop()` shuts it down and removes it.
///
/// `start()` returns nil with a reason when the PostgreSQL or PostGIS binaries are missing — unless
/// `GEOTOOL_REQUIRE_POSTGRES=1` (set by CI), which turns a missing server into an error.
public final class PostgresServer: @unchecked Sendable {
    public let port: Int
    public let socketDirectory: String
    public let user = "geotool"
    public let password = "s3cret-pw"
    public let database = "geotool"
    private let root: String
    private let binaries: String
    private let runAs: String?

    /// The OGR connection string of the database (with the password).
    public var connectionString: String {
        "PG:host=127.0.0.1 port=\(port) dbname=\(database) user=\(user) password=\(password)"
    }

    private init(port: Int, root: String, binaries: String, runAs: String?) {
        self.port = port
        self.root = root
        self.socketDirectory = root + "/socket"
        self.binaries = binaries
        self.runAs = runAs
    }

    /// Why a server cannot be started here, or nil when it can.
    public static func unavailableReason() -> String? {
        guard let bin = binaryDirectory() else { return "PostgreSQL server binaries (initdb, pg_ctl) not found" }
        guard let share = try? TestSupport.run(bin + "/pg_config", ["--sharedir"]), share.status == 0 else {
            return "pg_config not found beside \(bin)/initdb"
        }
        let control = share.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + "/extension/postgis.control"
        guard FileManager.default.fileExists(atPath: control) else { return "PostGIS is not installed (\(control))" }
        if getuid() == 0, getpwnam("postgres") == nil { return "running as root and no 'postgres' user to run the server" }
        return nil
    }

    /// Starts a fresh cluster, or returns nil (with `reason`) when it cannot run here and CI does not require it.
    public static func start() throws -> (server: PostgresServer?, reason: String?) {
        if let reason = unavailableReason() {
            if ProcessInfo.processInfo.environment["GEOTOOL_REQUIRE_POSTGRES"] == "1" {
                throw harnessError("PostgreSQL is required (GEOTOOL_REQUIRE_POSTGRES=1): \(reason)")
            }
            return (nil, reason)
        }
        let bin = binaryDirectory()!
        let root = "/tmp/geotool-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let runAs: String? = getuid() == 0 ? "postgres" : nil
        try FileManager.default.createDirectory(atPath: root + "/socket", withIntermediateDirectories: true)
        if let runAs {
            for path in [root, root + "/socket"] {
                try FileManager.default.setAttributes([.ownerAccountName: runAs], ofItemAtPath: path)
            }
        }
        let server = PostgresServer(port: try freePort(), root: root, binaries: bin, runAs: runAs)
        do {
            try server.boot()
        } catch {
            server.stop()
            throw error
        }
        return (server, nil)
    }

    private func boot() throws {
        let pwfile = root + "/pwfile"
        try Data(password.utf8).write(to: URL(fileURLWithPath: pwfile))
        if let runAs { try FileManager.default.setAttributes([.ownerAccountName: runAs], ofItemAtPath: pwfile) }
        try server("initdb", ["-D", root + "/data", "-U", user, "--pwfile=" + pwfile, "--auth-local=trust",
                              "--auth-host=scram-sha-256", "--no-sync", "-E", "UTF8", "--locale=C"])
        try server("pg_ctl", ["start", "-w", "-t", "60", "-D", root + "/data", "-l", root + "/log",
                              "-o", "-p \(port) -k \(socketDirectory) -c listen_addresses=127.0.0.1 -c fsync=off"])
        try psql("CREATE DATABASE \(database)", database: "postgres")
        try psql("CREATE EXTENSION postgis")
    }

    /// Stops the server (fast shutdown) and removes its directory.
    public func stop() {
        if FileManager.default.fileExists(atPath: root + "/data/postmaster.pid") {
            _ = try? server("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", root + "/data"])
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    /// Runs SQL through `psql` over the socket (unaligned, no header, `|` separated) and returns its output.
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        let result = try TestSupport.run(binaries + "/psql", [
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", socketDirectory, "-p", String(port),
            "-U", user, "-d", database ?? self.database, "-c", sql,
        ])
        guard result.status == 0 else { throw Self.harnessError("psql '\(sql)': \(result.stderr)") }
        return result.stdout
    }

    /// Runs a server program (as the unprivileged user when root) in the cluster's directory, its output in a
    /// file. Spawned and reaped here rather than through Foundation's `Process`, whose wait does not return once
    /// `pg_ctl start` has left a daemon behind.
    @discardableResult
    private func server(_ program: String, _ arguments: [String]) throws -> String {
        let output = root + "/\(program).out"
        let command = (runAs.map { ["/usr/sbin/runuser", "-u", $0, "--"] } ?? []) + [binaries + "/" + program] + arguments
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\" >\"$0/\(program).out\" 2>&1 </dev/null", root] + command
        var pid: pid_t = 0
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArgs, environ)
        guard spawned == 0 else { throw Self.harnessError("cannot run \(program): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let log = (try? String(contentsOfFile: root + "/log", encoding: .utf8)) ?? ""
            throw Self.harnessError("\(program) failed (status \(status)): \(text) \(log.suffix(2000))")
        }
        return text
    }

    /// The directory holding initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/N/bin.
    private static func binaryDirectory() -> String? {
        if let onPath = try? TestSupport.which("initdb") {
            let dir = (URL(fileURLWithPath: onPath).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
            if FileManager.default.isExecutableFile(atPath: dir + "/pg_ctl") { return dir }
        }
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).sorted()
        for v in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(base)/\(v)/bin/pg_ctl") {
            return "\(base)/\(v)/bin"
        }
        return nil
    }

    /// A loopback TCP port nothing listens on (the kernel's choice for an ephemeral bind).
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw harnessError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Int32 in
                guard bind(fd, p, length) == 0 else { return -1 }
                return getsockname(fd, p, &length)
            }
        }
        guard bound == 0 else { throw harnessError("cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func harnessError(_ message: String) -> NSError {
        NSError(domain: "PostgresServer", code: 1, userInfo: [NSLocalizedDescriptionKey: message])
    }
}
