import Foundation
import GRDB

extension JobStore {
    /// Leases the next QUEUED job (lowest priority number, then oldest; within `shard` if given) to
    /// `workerID` for `lease` seconds, counting one attempt. Nil when nothing is claimable now.
    public func claim(workerID: String, shard: Shard? = nil, lease: Double) throws -> ClaimedJob? {
        let shardClause = shard.map { " AND (seq % \($0.count)) = \($0.index)" } ?? ""
        return try transaction { db in
            let now = Self.now
            // Cached (prepared once per connection): these run for every job.
            guard let r = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT id, batch_id, seq, parameters, attempts FROM jobs
                WHERE status = 'QUEUED' AND not_before <= ?\(shardClause)
                ORDER BY priority, id LIMIT 1
                """), arguments: [now]) else { return nil }
            let id: Int64 = r["id"]
            try db.cachedStatement(sql: """
                UPDATE jobs SET status = 'RUNNING', worker = ?, attempts = attempts + 1, started_at = ?,
                                lease_expires_at = ? WHERE id = ?
                """).execute(arguments: [workerID, now, now + lease, id])
            return ClaimedJob(id: id, batchID: r["batch_id"], seq: r["seq"],
                              parameters: try StoreJSON.decode(JobParameters.self, from: r["parameters"]),
                              attempt: (r["attempts"] as Int) + 1)
        }
    }

    /// Commits a job's result and marks it COMPLETED, if `workerID` still holds it (not cancelled,
    /// not requeued after a lost lease). Returns false when the result was discarded.
    @discardableResult
    public func complete(jobID: Int64, workerID: String, result: JobResult, duration: Double) throws -> Bool {
        let values = try StoreJSON.encode(result.values), outputs = try StoreJSON.encode(result.outputs)
        return try transaction { db in
            let now = Self.now
            try db.cachedStatement(sql: """
                UPDATE jobs SET status = 'COMPLETED', finished_at = ?, lease_expires_at = NULL, error = NULL
                WHERE id = ? AND status = 'RUNNING' AND worker = ?
                """).execute(arguments: [now, jobID, workerID])
            guard db.changesCount == 1 else { return false }
            try db.cachedStatement(sql: """
                INSERT INTO results (job_id, batch_id, result_values, outputs, worker, duration, finished_at)
                SELECT id, batch_id, ?, ?, ?, ?, ? FROM jobs WHERE id = ?
                """).execute(arguments: [values, outputs, workerID, duration, now, jobID])
            var release = StageRelease(db, now: now)
            try release.after(job: jobID, cascade: false)
            return true
        }
    }

    /// Records a failed attempt: back to QUEUED after the batch's backoff while attempts remain
    /// (and `retryable`), else FAILED. Returns the new status, or nil if the worker no longer held the job.
    @discardableResult
    public func fail(jobID: Int64, workerID: String, error message: String, retryable: Bool = true) throws -> JobStatus? {
        try transaction { db in
            guard let r = try Row.fetchOne(db, sql: """
                SELECT j.attempts, b.max_attempts, b.retry_backoff FROM jobs j JOIN batches b ON b.id = j.batch_id
                WHERE j.id = ? AND j.status = 'RUNNING' AND j.worker = ?
                """, arguments: [jobID, workerID]) else { return nil }
            let attempts: Int = r["attempts"], maxAttempts: Int = r["max_attempts"], backoff: Double = r["retry_backoff"]
            let now = Self.now
            if retryable && attempts < maxAttempts {
                let delay = min(backoff * pow(2, Double(attempts - 1)), 60)
                try db.execute(sql: """
                    UPDATE jobs SET status = 'QUEUED', worker = NULL, lease_expires_at = NULL, not_before = ?,
                                    queued_at = ?, error = ? WHERE id = ?
                    """, arguments: [now + delay, now, "attempt \(attempts): \(message)", jobID])
                return .queued
            }
            try db.execute(sql: """
                UPDATE jobs SET status = 'FAILED', finished_at = ?, lease_expires_at = NULL, error = ? WHERE id = ?
                """, arguments: [now, message, jobID])
            var release = StageRelease(db, now: now)
            try release.after(job: jobID, cascade: true)
            return .failed
        }
    }

    /// Extends the leases of `jobIDs` held by `workerID`s of this process; returns the ids among them
    /// this process no longer holds (cancelled, or requeued by someone else), which it must abandon.
    public func heartbeat(processID: String, jobIDs: [Int64], lease: Double, jobsDone: Int) throws -> Set<Int64> {
        try transaction { db in
            let now = Self.now
            try db.execute(sql: "UPDATE workers SET heartbeat_at = ?, jobs_done = ? WHERE id = ?",
                           arguments: [now, jobsDone, processID])
            guard !jobIDs.isEmpty else { return [] }
            let list = jobIDs.map(String.init).joined(separator: ",")
            try db.execute(sql: """
                UPDATE jobs SET lease_expires_at = ? WHERE id IN (\(list)) AND status = 'RUNNING' AND worker LIKE ?
                """, arguments: [now + lease, processID + ":%"])
            let held = try Int64.fetchSet(db, sql: """
                SELECT id FROM jobs WHERE id IN (\(list)) AND status = 'RUNNING' AND worker LIKE ?
                """, arguments: [processID + ":%"])
            return Set(jobIDs).subtracting(held)
        }
    }

    /// Requeues RUNNING jobs whose worker is gone: its lease expired, or it ran on this host in a
    /// process that no longer exists (so a restart after `kill -9` resumes at once instead of waiting
    /// for the lease). The interrupted attempt does not count; a job interrupted more than
    /// `maxInterruptions` times (it probably kills its worker) is FAILED. Jobs of `ownProcessID`
    /// (a live pool in this process) are left alone. Returns the number requeued or failed.
    @discardableResult
    public func requeueAbandoned(ownProcessID: String? = nil, maxInterruptions: Int = 25) throws -> Int {
        let host = ProcessIdentity.host
        return try transaction { db in
            let now = Self.now
            var changed = 0
            for r in try Row.fetchAll(db, sql: """
                SELECT id, worker, lease_expires_at, interruptions FROM jobs WHERE status = 'RUNNING'
                """) {
                let worker: String = r["worker"] ?? ""
                let lease: Double = r["lease_expires_at"] ?? 0
                if let own = ownProcessID, worker.hasPrefix(own + ":") { continue }
                let owner = ProcessIdentity(workerID: worker)
                let gone = lease < now || (owner?.host == host && !(owner?.isAlive ?? false))
                guard gone else { continue }
                let interruptions = (r["interruptions"] as Int) + 1
                if interruptions > maxInterruptions {
                    try db.execute(sql: """
                        UPDATE jobs SET status = 'FAILED', finished_at = ?, lease_expires_at = NULL, interruptions = ?,
                                        error = ? WHERE id = ?
                        """, arguments: [now, interruptions, "its worker died \(interruptions) times while running it", r["id"]])
                } else {
                    try db.execute(sql: """
                        UPDATE jobs SET status = 'QUEUED', worker = NULL, lease_expires_at = NULL, queued_at = ?,
                                        attempts = MAX(attempts - 1, 0), interruptions = ?, error = ? WHERE id = ?
                        """, arguments: [now, interruptions, "requeued: worker \(worker) died", r["id"]])
                }
                changed += 1
            }
            return changed
        }
    }

    /// Number of jobs still to do (QUEUED, RUNNING or WAITING, within `shard` if given).
    public func pendingCount(shard: Shard? = nil) throws -> Int {
        let shardClause = shard.map { " AND (seq % \($0.count)) = \($0.index)" } ?? ""
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs WHERE status IN ('QUEUED', 'RUNNING', 'CREATED', 'WAITING')\(shardClause)") ?? 0
        }
    }

    /// Registers a `batch run` process in the workers table (for `batch pool`).
    public func registerProcess(_ processID: String, threads: Int, shard: Shard?) throws {
        try transaction { db in
            let now = Self.now
            try db.execute(sql: """
                INSERT OR REPLACE INTO workers (id, threads, shard, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [processID, threads, shard?.description, now, now])
        }
    }

    /// Marks a `batch run` process stopped.
    public func unregisterProcess(_ processID: String, jobsDone: Int) throws {
        try transaction { db in
            try db.execute(sql: "UPDATE workers SET stopped_at = ?, jobs_done = ? WHERE id = ?",
                           arguments: [Self.now, jobsDone, processID])
        }
    }
}

/// Host and pid of a worker, from its id `host:pid[:wN]`.
public struct ProcessIdentity: Sendable, Equatable {
    public let host: String
    public let pid: Int32

    /// This machine's short host name.
    public static let host: String = {
        let full = ProcessInfo.processInfo.hostName
        return String(full.split(separator: ".").first ?? Substring(full))
    }()

    /// This process: `host:pid`.
    public static var current: ProcessIdentity {
        ProcessIdentity(host: host, pid: ProcessInfo.processInfo.processIdentifier)
    }

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    public init?(workerID: String) {
        let parts = workerID.split(separator: ":")
        guard parts.count >= 2, let pid = Int32(parts[1]) else { return nil }
        self.init(host: String(parts[0]), pid: pid)
    }

    /// `host:pid`.
    public var id: String { "\(host):\(pid)" }

    /// Whether the process exists (on this host).
    public var isAlive: Bool { kill(pid, 0) == 0 || errno == EPERM }
}
