import Foundation

/// Spaces job starts of each batch at least 1/rate seconds apart (per process). Thread-safe.
final class RateLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var nextStart: [Int64: Double] = [:]

    /// Blocks until batch `key` may start another job at `rate` jobs/s (nil: no limit).
    func acquire(_ key: Int64, rate: Double?) {
        guard let rate, rate > 0 else { return }
        lock.lock()
        let now = Date().timeIntervalSince1970
        let slot = max(now, nextStart[key] ?? now)
        nextStart[key] = slot + 1 / rate
        lock.unlock()
        let wait = slot - now
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
}
