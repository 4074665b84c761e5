import Foundation
import GRDB

extension JobStore {
    /// One job by id, or nil when the store has no such job.
    public func job(_ id: Int64) throws -> JobRow? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT id, batch_id, seq, status, attempts, worker, error, parameters FROM jobs WHERE id = ?
                """, arguments: [id]).map { r in
                JobRow(id: r["id"], batchID: r["batch_id"], seq: r["seq"],
                       status: JobStatus(rawValue: r["status"]) ?? .created, attempts: r["attempts"],
                       worker: r["worker"], error: r["error"],
                       parameters: try StoreJSON.decode(JobParameters.self, from: r["parameters"]))
            }
        }
    }

    /// Hands back the RUNNING jobs leased by the workers of `processID` (`host:pid`) on a graceful
    /// shutdown: they go back to QUEUED at once (the interrupted attempt does not count), so another
    /// process — or this one after a restart — runs them. A worker that still finishes such a job
    /// later has its result discarded (it no longer holds the lease). Returns the number released.
    @discardableResult
    public func release(processID: String) throws -> Int {
        try transaction { db in
            try db.execute(sql: """
                UPDATE jobs SET status = 'QUEUED', worker = NULL, lease_expires_at = NULL, queued_at = ?,
                                attempts = MAX(attempts - 1, 0), error = ?
                WHERE status = 'RUNNING' AND worker LIKE ?
                """, arguments: [Self.now, "requeued: worker process \(processID) shut down", processID + ":%"])
            return db.changesCount
        }
    }
}
