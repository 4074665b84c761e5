import Foundation

/// A counter shared by threads (progress of parallel work: files done, chunks written).
public final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    public init() {}
    /// Returns the current value and increments it.
    public func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value - 1 }
}
