import Foundation
import GeoSupport
import GRDB

/// Counts of one `merge`.
public struct MergeReport: Sendable, Equatable {
    /// Results copied into the destination.
    public var merged = 0
    /// Source results whose job the destination had already completed.
    public var alreadyDone = 0
}

extension JobStore {
    /// Copies the completed results of `source` (a copy of this run directory that ran some shards)
    /// into this store: each source batch must match a batch here with the same spec text; jobs are
    /// matched by their index in the expansion, output files are copied (durably) under this run
    /// directory and their paths rewritten. Idempotent: a job completed here is left alone.
    @discardableResult
    public func merge(from source: JobStore) throws -> MergeReport {
        var report = MergeReport()
        let mine = try batches()
        for theirs in try source.batches() {
            let text = try source.specText(theirs.id)
            guard let match = try mine.first(where: { try $0.kind == theirs.kind && $0.jobCount == theirs.jobCount && specText($0.id) == text }) else {
                throw BatchError.store(path: source.runDirectory,
                                       message: "batch \(theirs.id) (\(theirs.name)) has no identical batch in \(runDirectory); submit the same spec there first")
            }
            let local = Dictionary(uniqueKeysWithValues: try jobs(batchID: match.id).map { ($0.seq, $0) })
            for row in try source.results(batchID: theirs.id) {
                guard let target = local[row.seq] else { continue }
                if target.status == .completed { report.alreadyDone += 1; continue }
                let outputs = try copyOutputs(row.result.outputs, from: source, jobID: row.jobID, to: target.id)
                let done = try transaction { db -> Bool in
                    try db.execute(sql: """
                        UPDATE jobs SET status = 'COMPLETED', finished_at = ?, lease_expires_at = NULL, error = NULL
                        WHERE id = ? AND status != 'COMPLETED'
                        """, arguments: [Self.now, target.id])
                    guard db.changesCount == 1 else { return false }
                    try db.execute(sql: """
                        INSERT INTO results (job_id, batch_id, result_values, outputs, worker, duration, finished_at)
                        VALUES (?, ?, ?, ?, ?, 0, ?)
                        """, arguments: [target.id, match.id, try StoreJSON.encode(row.result.values),
                                         try StoreJSON.encode(outputs), "merge:\(source.runDirectory)", Self.now])
                    return true
                }
                if done { report.merged += 1 } else { report.alreadyDone += 1 }
            }
        }
        return report
    }

    private func copyOutputs(_ paths: [String], from source: JobStore, jobID: Int64, to target: Int64) throws -> [String] {
        let prefix = (source.runDirectory as NSString).appendingPathComponent("outputs/\(jobID)/")
        let dir = (runDirectory as NSString).appendingPathComponent("outputs/\(target)")
        return try paths.map { path in
            guard path.hasPrefix(prefix) else { return path }
            let dest = (dir as NSString).appendingPathComponent(String(path.dropFirst(prefix.count)))
            do {
                try FileManager.default.createDirectory(atPath: (dest as NSString).deletingLastPathComponent,
                                                        withIntermediateDirectories: true)
                DurableFile.removeStaleTemporaries(of: dest)   // of a merge killed before
                try DurableFile.write(to: dest) { temporary in
                    try FileManager.default.copyItem(atPath: path, toPath: temporary)
                }
            } catch let error as DurableFileError {
                throw BatchError.store(path: error.path, message: error.reason)
            } catch {
                throw BatchError.store(path: path, message: "cannot copy output: \(error.localizedDescription)")
            }
            return dest
        }
    }
}
