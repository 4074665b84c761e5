import Batch
import Foundation

/// `[#########-----------]  45%  450/1000  failed 2  812.3 jobs/s` on stderr: redrawn in place on a
/// terminal (at most 10 times a second), one line every 2 s otherwise (logs).
final class BatchProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private let interactive = isatty(2) == 1

    func update(_ p: BatchWorkerPool.Progress) {
        lock.lock(); defer { lock.unlock() }
        guard Date().timeIntervalSince(last) >= (interactive ? 0.1 : 2) else { return }
        last = Date()
        draw(p, final: false)
    }

    func finish(_ p: BatchWorkerPool.Progress) {
        lock.lock(); defer { lock.unlock() }
        draw(p, final: true)
    }

    private func draw(_ p: BatchWorkerPool.Progress, final: Bool) {
        let total = max(p.pendingAtStart, 1)
        let done = p.completed + p.failed + p.discarded
        let fraction = min(Double(done) / Double(total), 1)
        let filled = Int(fraction * 30)
        let line = String(format: "[%@%@] %3d%%  %d/%d  failed %d  %.1f jobs/s",
                          String(repeating: "#", count: filled), String(repeating: "-", count: 30 - filled),
                          Int(fraction * 100), done, p.pendingAtStart, p.failed, p.throughput)
        if interactive {
            FileHandle.standardError.write(Data(("\r" + line + (final ? "\n" : "")).utf8))
        } else {
            Console.error(line)
        }
    }
}
