import Foundation
import GRDB

/// The durable job store: `RUN/batch.sqlite` (SQLite in WAL mode through GRDB).
///
/// Every state change is one IMMEDIATE transaction, so several `batch run` processes (shards, SLURM
/// array tasks on one node or a shared file system with working POSIX locks) can share one store.
/// A job's result row and its COMPLETED status commit in the same transaction, and only while the
/// worker still holds the job's lease, so a job is completed at most once; with lease expiry and
/// dead-process detection, every job is completed exactly once across crashes.
public final class JobStore: Sendable {
    /// The run directory.
    public let runDirectory: String
    /// `RUN/batch.sqlite`.
    public let path: String
    let pool: DatabasePool

    public static func databasePath(runDirectory: String) -> String {
        (runDirectory as NSString).appendingPathComponent("batch.sqlite")
    }

    /// Opens (and migrates) the store of `runDirectory`; `create` makes the directory and store if missing.
    public init(runDirectory: String, create: Bool = false) throws {
        let absolute = URL(fileURLWithPath: runDirectory).standardizedFileURL.path
        self.runDirectory = absolute
        path = Self.databasePath(runDirectory: absolute)
        if !FileManager.default.fileExists(atPath: path) {
            guard create else { throw BatchError.store(path: runDirectory, message: "no batch store (batch.sqlite) here; run `geotool batch submit` first") }
            do {
                try FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
            } catch {
                throw BatchError.store(path: runDirectory, message: "cannot create the run directory")
            }
        }
        var config = Configuration()
        config.busyMode = .timeout(60)
        config.prepareDatabase { db in
            // WAL + NORMAL: a killed process loses nothing committed; only a power loss may lose the
            // last commits (those jobs then simply run again).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try StoreSchema.migrator.migrate(pool)
        } catch {
            throw BatchError.store(path: path, message: "cannot open the job store: \(error)")
        }
    }

    /// Runs `body` in an IMMEDIATE write transaction (takes the write lock up front, so concurrent
    /// processes wait on the busy timeout instead of failing to upgrade a read lock).
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var out: T?
                try db.inTransaction(.immediate) {
                    out = try body(db)
                    return .commit
                }
                return out!
            }
        } catch let e as BatchError {
            throw e
        } catch {
            throw BatchError.store(path: path, message: "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw BatchError.store(path: path, message: "\(error)")
        }
    }

    static var now: Double { Date().timeIntervalSince1970 }

    // MARK: submit

    /// Stores `spec` as a new batch: one CREATED job per expanded parameter set, then all QUEUED,
    /// in one transaction (a crash mid-submit leaves nothing). The job count is checked against the
    /// spec's `max_jobs` and `limit` (a server's own cap) before anything is expanded, and jobs are
    /// expanded straight into the store (memory does not grow with the count). `validate` checks each
    /// job's merged parameters (the job kind's schema and checks). Returns the batch id.
    @discardableResult
    public func submit(_ spec: BatchSpec, specText: String, limit: Int? = nil,
                       validate: (JobParameters) throws -> Void = { _ in }) throws -> Int64 {
        let count = try spec.jobCount()
        if let limit { _ = try spec.jobCount(limit: limit) }
        return try transaction { db in
            try insertBatch(db, spec, specText: specText, jobCount: count, limit: limit, status: .queued, validate: validate)
        }
    }

    /// Inserts `spec` as a batch and its expanded jobs in `status` (QUEUED, or WAITING for a workflow stage
    /// that needs others), each `copies` times (a one-job workflow stage repeated per upstream item), inside
    /// the caller's transaction. Returns the batch id.
    func insertBatch(_ db: Database, _ spec: BatchSpec, specText: String, jobCount count: Int, limit: Int?,
                     copies: Int = 1, status: JobStatus, validate: (JobParameters) throws -> Void) throws -> Int64 {
        let inputs = try StoreJSON.encode(spec.inputs)
        let now = Self.now
        try db.execute(sql: """
            INSERT INTO batches (name, kind, spec, inputs, priority, max_attempts, retry_backoff, timeout,
                                 rate_limit, isolation, job_count, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [spec.name, spec.kind, specText, inputs, spec.priority, spec.maxRetries + 1,
                             spec.retryBackoff, spec.timeout, spec.rateLimit, spec.isolation.rawValue,
                             count, now])
        let batchID = db.lastInsertedRowID
        let insert = try db.makeStatement(sql: """
            INSERT INTO jobs (batch_id, seq, parameters, priority, status, created_at) VALUES (?, ?, ?, ?, ?, ?)
            """)
        var seq = 0
        try spec.forEachJob(limit: limit) { p in
            do {
                try validate(p.merging(spec.inputs) { a, _ in a })
            } catch let BatchError.invalidSpec(path, message) {
                // A fixed parameter's problem is named where the spec gives it: `inputs.<name>`.
                let key = path.hasPrefix("parameters.") ? String(path.dropFirst("parameters.".count)) : ""
                if spec.inputs[key] != nil { throw BatchError.invalidSpec(path: "inputs.\(key)", message: message) }
                throw BatchError.invalidSpec(path: path, message: "\(message) (job \(seq))")
            }
            let parameters = try StoreJSON.encode(p)
            for _ in 0..<copies {
                try insert.execute(arguments: [batchID, seq, parameters, spec.priority, JobStatus.created.rawValue, now])
                seq += 1
            }
        }
        try db.execute(sql: "UPDATE jobs SET status = ?, queued_at = ? WHERE batch_id = ? AND status = ?",
                       arguments: [status.rawValue, status == .queued ? now : nil, batchID, JobStatus.created.rawValue])
        return batchID
    }

    /// Records the SLURM job id that runs `batchID`.
    public func setSlurmJobID(_ id: String, batchID: Int64) throws {
        try transaction { db in
            try db.execute(sql: "UPDATE batches SET slurm_job_id = ? WHERE id = ?", arguments: [id, batchID])
        }
    }

    // MARK: batches

    /// Every batch, oldest first.
    public func batches() throws -> [BatchInfo] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM batches ORDER BY id").map(Self.batchInfo) }
    }

    /// One batch.
    public func batch(_ id: Int64) throws -> BatchInfo {
        guard let b = try read({ db in try Row.fetchOne(db, sql: "SELECT * FROM batches WHERE id = ?", arguments: [id]) })
        else { throw BatchError.store(path: path, message: "no batch \(id)") }
        return try Self.batchInfo(b)
    }

    static func batchInfo(_ r: Row) throws -> BatchInfo {
        BatchInfo(id: r["id"], name: r["name"], kind: r["kind"],
                  inputs: try StoreJSON.decode(JobParameters.self, from: r["inputs"]),
                  priority: r["priority"], maxAttempts: r["max_attempts"], retryBackoff: r["retry_backoff"],
                  timeout: r["timeout"], rateLimit: r["rate_limit"],
                  isolation: BatchSpec.Isolation(rawValue: r["isolation"]) ?? .process,
                  jobCount: r["job_count"], slurmJobID: r["slurm_job_id"])
    }

    /// The original spec text of a batch (for merge checks).
    func specText(_ id: Int64) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT spec FROM batches WHERE id = ?", arguments: [id]) }
    }
}
