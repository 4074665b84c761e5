import Batch
import Foundation

/// Writes a SLURM array task's `progress.json` (`ShardProgress`) at most once a second, and at the end.
final class ShardProgressReporter: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var last = Date.distantPast

    init(shardDirectory: String) { path = ShardProgress.path(shardDirectory: shardDirectory) }

    func update(_ p: BatchWorkerPool.Progress, finished: Bool) {
        let due = lock.withLock {
            guard finished || Date().timeIntervalSince(last) >= 1 else { return false }
            last = Date()
            return true
        }
        guard due else { return }
        // A report that cannot be written only leaves status without this shard's numbers.
        try? ShardProgress(completed: p.completed, failed: p.failed, pending: p.pendingAtStart, finished: finished).write(to: path)
    }
}
