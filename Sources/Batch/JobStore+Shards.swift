import Foundation
import GeoSupport
import GRDB

extension JobStore {
    /// Writes the QUEUED jobs of `batchIDs` into `tasks` new stores `directory/0` … `directory/<tasks−1>`:
    /// store k holds the jobs whose index % tasks == k (same job and batch ids, parameters and settings),
    /// so a cluster task works its own store and `mergeShards(in:)` folds the results back. No store is
    /// shared between processes: that is what makes this safe where SQLite locking is not (network file
    /// systems). Returns the number of jobs in each store. A store that already exists is an error.
    @discardableResult
    public func exportShards(batchIDs: [Int64], tasks: Int, into directory: String) throws -> [Int] {
        guard tasks > 0 else { throw BatchError.invalidArgument("shards: need at least one task") }
        let list = batchIDs.map(String.init).joined(separator: ",")
        let (batches, jobs) = try read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM batches WHERE id IN (\(list)) ORDER BY id"),
             try Row.fetchAll(db, sql: """
                SELECT id, batch_id, seq, parameters, priority FROM jobs WHERE batch_id IN (\(list)) AND status = 'QUEUED' ORDER BY id
                """))
        }
        let slices = Dictionary(grouping: jobs) { ($0["seq"] as Int) % tasks }
        var counts: [Int] = []
        for k in 0..<tasks {
            let shardDirectory = (directory as NSString).appendingPathComponent(String(k))
            guard !FileManager.default.fileExists(atPath: Self.databasePath(runDirectory: shardDirectory)) else {
                throw BatchError.store(path: shardDirectory, message: "a shard store already exists here")
            }
            let shard = try JobStore(runDirectory: shardDirectory, create: true)
            let mine = slices[k] ?? []
            try shard.transaction { db in
                let now = Self.now
                for b in batches {
                    try db.execute(sql: """
                        INSERT INTO batches (id, name, kind, spec, inputs, priority, max_attempts, retry_backoff, timeout,
                                             rate_limit, isolation, job_count, created_at, stage)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [b["id"], b["name"], b["kind"], b["spec"], b["inputs"], b["priority"],
                                         b["max_attempts"], b["retry_backoff"], b["timeout"], b["rate_limit"],
                                         b["isolation"], b["job_count"], b["created_at"], b["stage"]])
                }
                let insert = try db.makeStatement(sql: """
                    INSERT INTO jobs (id, batch_id, seq, parameters, priority, status, created_at, queued_at)
                    VALUES (?, ?, ?, ?, ?, 'QUEUED', ?, ?)
                    """)
                for j in mine {
                    try insert.execute(arguments: [j["id"], j["batch_id"], j["seq"], j["parameters"], j["priority"], now, now])
                }
            }
            counts.append(mine.count)
        }
        return counts
    }

    /// Folds every shard store under `directory` (`0`, `1`, … as `exportShards` made them) into this store:
    /// completed results and their outputs (`merge(from:)`), and jobs that FAILED there for good. Then
    /// releases what the merged jobs unblock. Idempotent.
    @discardableResult
    public func mergeShards(in directory: String) throws -> MergeReport {
        var total = MergeReport()
        for shardDirectory in Self.shardDirectories(in: directory) {
            let shard = try JobStore(runDirectory: shardDirectory)
            let r = try merge(from: shard)
            total.merged += r.merged
            total.alreadyDone += r.alreadyDone
            let failed = try shard.jobs(status: .failed)
            try transaction { db in
                for job in failed {
                    try db.execute(sql: """
                        UPDATE jobs SET status = 'FAILED', finished_at = ?, error = ?
                        WHERE id = ? AND status IN ('QUEUED', 'RUNNING')
                        """, arguments: [Self.now, job.error ?? "failed in shard \(shardDirectory)", job.id])
                }
            }
        }
        try releaseWaiting()
        return total
    }

    /// The numbered shard directories under `directory`, in order.
    public static func shardDirectories(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.compactMap(Int.init).sorted().map { (directory as NSString).appendingPathComponent(String($0)) }
            .filter { FileManager.default.fileExists(atPath: databasePath(runDirectory: $0)) }
    }
}
