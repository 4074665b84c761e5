import GeoSupport
import Foundation
import GRDB

extension JobStore {
    /// Progress and derived status of every batch (or one).
    public func summaries(batchID: Int64? = nil) throws -> [BatchSummary] {
        try read { db in
            var counts: [Int64: [String: Int]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT batch_id, status, COUNT(*) AS n FROM jobs GROUP BY batch_id, status") {
                counts[r["batch_id"], default: [:]][r["status"]] = r["n"]
            }
            let filter = batchID.map { " WHERE id = \($0)" } ?? ""
            return try Row.fetchAll(db, sql: "SELECT id, name, kind, job_count, slurm_job_id FROM batches\(filter) ORDER BY id").map { r in
                let id: Int64 = r["id"]
                let c = counts[id] ?? [:]
                var typed: [JobStatus: Int] = [:]
                for (k, v) in c { if let s = JobStatus(rawValue: k) { typed[s] = v } }
                let total: Int = r["job_count"]
                let finished = typed.filter { $0.key.isFinal }.values.reduce(0, +)
                return BatchSummary(id: id, name: r["name"], kind: r["kind"], total: total, counts: c,
                                    status: BatchStatus(counts: typed),
                                    percent: total == 0 ? 100 : (Double(finished) / Double(total) * 1000).rounded() / 10,
                                    slurmJobID: r["slurm_job_id"])
            }
        }
    }

    /// Jobs (optionally of one batch or status), by id.
    public func jobs(batchID: Int64? = nil, status: JobStatus? = nil) throws -> [JobRow] {
        var clauses: [String] = [], args: [any DatabaseValueConvertible] = []
        if let batchID { clauses.append("batch_id = ?"); args.append(batchID) }
        if let status { clauses.append("status = ?"); args.append(status.rawValue) }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT id, batch_id, seq, status, attempts, worker, error, parameters FROM jobs\(whereSQL) ORDER BY id",
                             arguments: StatementArguments(args)).map { r in
                JobRow(id: r["id"], batchID: r["batch_id"], seq: r["seq"],
                       status: JobStatus(rawValue: r["status"]) ?? .created, attempts: r["attempts"],
                       worker: r["worker"], error: r["error"],
                       parameters: try StoreJSON.decode(JobParameters.self, from: r["parameters"]))
            }
        }
    }

    /// Completed jobs with their results (optionally of one batch), by job id.
    public func results(batchID: Int64? = nil) throws -> [ResultRow] {
        let filter = batchID.map { " WHERE r.batch_id = \($0)" } ?? ""
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT j.id, j.batch_id, j.seq, j.parameters, r.result_values, r.outputs
                FROM results r JOIN jobs j ON j.id = r.job_id\(filter) ORDER BY j.id
                """).map { r in
                ResultRow(jobID: r["id"], batchID: r["batch_id"], seq: r["seq"],
                          parameters: try StoreJSON.decode(JobParameters.self, from: r["parameters"]),
                          result: JobResult(values: try StoreJSON.decode([String: ParameterValue].self, from: r["result_values"]),
                                            outputs: try StoreJSON.decode([String].self, from: r["outputs"])))
            }
        }
    }

    /// Pool statistics: live processes (heartbeat < 10 s ago), queue depth, throughput.
    public func poolStats() throws -> PoolStats {
        try read { db in
            let now = Self.now
            let live = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS p, COALESCE(SUM(threads), 0) AS t FROM workers WHERE stopped_at IS NULL AND heartbeat_at > ?
                """, arguments: [now - 10])!
            var byStatus: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM jobs GROUP BY status") {
                byStatus[r["status"]] = r["n"]
            }
            let recent = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM results WHERE finished_at > ?", arguments: [now - 60]) ?? 0
            let span = try Row.fetchOne(db, sql: """
                SELECT COUNT(*) AS n, MIN(finished_at - duration) AS first, MAX(finished_at) AS last FROM results
                """)!
            let n: Int = span["n"]
            let elapsed = ((span["last"] as Double?) ?? 0) - ((span["first"] as Double?) ?? 0)
            return PoolStats(processes: live["p"], workers: live["t"], queued: byStatus["QUEUED"] ?? 0,
                             running: byStatus["RUNNING"] ?? 0, completed: byStatus["COMPLETED"] ?? 0,
                             failed: byStatus["FAILED"] ?? 0, recentThroughput: Double(recent) / 60,
                             overallThroughput: elapsed > 0 ? Double(n) / elapsed : 0)
        }
    }
}
