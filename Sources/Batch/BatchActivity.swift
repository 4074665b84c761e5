/// How fast a batch is completing now: jobs completed within a recent window (the last 60 s, or
/// since the batch was submitted when that is shorter).
public struct BatchActivity: Sendable, Equatable {
    public let batchID: Int64
    /// Jobs completed within the window.
    public let completedInWindow: Int
    /// The window's length in seconds (≥ 1).
    public let windowSeconds: Double
    /// Unix time the batch was submitted.
    public let createdAt: Double

    /// Completed jobs per second over the window.
    public var jobsPerSecond: Double { Double(completedInWindow) / windowSeconds }

    /// Seconds until `remaining` jobs are done at the current rate; nil while nothing completes.
    public func secondsRemaining(_ remaining: Int) -> Double? {
        guard remaining > 0 else { return 0 }
        guard completedInWindow > 0 else { return nil }
        return Double(remaining) / jobsPerSecond
    }
}
