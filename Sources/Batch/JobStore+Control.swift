import Foundation
import GRDB

extension JobStore {
    /// Cancels unfinished jobs: one job, one batch, or everything. Running jobs are told through
    /// their worker's heartbeat (`JobContext.isCancelled`; a job's child process is killed).
    /// Returns the number of jobs cancelled.
    @discardableResult
    public func cancel(jobID: Int64? = nil, batchID: Int64? = nil) throws -> Int {
        try transaction { db in
            var sql = "UPDATE jobs SET status = 'CANCELLED', finished_at = ?, lease_expires_at = NULL WHERE status IN ('CREATED', 'QUEUED', 'RUNNING', 'WAITING')"
            var args: [any DatabaseValueConvertible] = [Self.now]
            if let jobID { sql += " AND id = ?"; args.append(jobID) }
            if let batchID { sql += " AND batch_id = ?"; args.append(batchID) }
            try db.execute(sql: sql, arguments: StatementArguments(args))
            return db.changesCount
        }
    }

    /// Requeues FAILED (and, with `cancelled`, CANCELLED) jobs with a fresh attempt budget, and puts every
    /// SKIPPED workflow job back to WAITING (the next release runs what its needs now allow and skips
    /// again what is still blocked). Returns the number requeued.
    @discardableResult
    public func retry(failed: Bool = true, cancelled: Bool = false, jobID: Int64? = nil, batchID: Int64? = nil) throws -> Int {
        let statuses: [String] = (failed ? ["'FAILED'"] : []) + (cancelled ? ["'CANCELLED'"] : [])
        guard !statuses.isEmpty else { return 0 }
        return try transaction { db in
            var sql = """
                UPDATE jobs SET status = 'QUEUED', attempts = 0, interruptions = 0, not_before = 0, queued_at = ?,
                                finished_at = NULL, worker = NULL, error = NULL WHERE status IN (\(statuses.joined(separator: ",")))
                """
            var args: [any DatabaseValueConvertible] = [Self.now]
            if let jobID { sql += " AND id = ?"; args.append(jobID) }
            if let batchID { sql += " AND batch_id = ?"; args.append(batchID) }
            try db.execute(sql: sql, arguments: StatementArguments(args))
            let requeued = db.changesCount
            if requeued > 0 {
                try db.execute(sql: "UPDATE jobs SET status = 'WAITING', finished_at = NULL, error = NULL WHERE status = 'SKIPPED'")
            }
            return requeued
        }
    }
}
