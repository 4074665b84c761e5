/// A job's state: CREATED → QUEUED → RUNNING → COMPLETED | FAILED | CANCELLED.
/// RUNNING → QUEUED happens on a retry (attempts left) or when the worker died (lease expired);
/// FAILED/CANCELLED → QUEUED on `batch retry`.
/// A workflow stage's jobs start WAITING for the jobs they need: WAITING → QUEUED when those COMPLETED,
/// WAITING → SKIPPED when one of them ended without completing (SKIPPED → WAITING on `workflow retry`).
public enum JobStatus: String, Sendable, Codable, CaseIterable {
    case created = "CREATED"
    case queued = "QUEUED"
    case running = "RUNNING"
    case completed = "COMPLETED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"
    case waiting = "WAITING"
    case skipped = "SKIPPED"

    /// True for COMPLETED, FAILED, CANCELLED and SKIPPED.
    public var isFinal: Bool { self == .completed || self == .failed || self == .cancelled || self == .skipped }

    /// Whether the store may move a job from `self` to `next`.
    public func canTransition(to next: JobStatus) -> Bool {
        switch (self, next) {
        case (.created, .queued), (.created, .cancelled): return true
        case (.queued, .running), (.queued, .cancelled): return true
        case (.running, .completed), (.running, .failed), (.running, .cancelled), (.running, .queued): return true
        case (.failed, .queued), (.cancelled, .queued): return true
        case (.waiting, .queued), (.waiting, .skipped), (.waiting, .cancelled), (.skipped, .waiting): return true
        default: return false
        }
    }
}

/// A batch's status, derived from its jobs' statuses.
public enum BatchStatus: String, Sendable, Codable {
    case running = "RUNNING"
    case completed = "COMPLETED"
    case partiallyFailed = "PARTIALLY_FAILED"
    case failed = "FAILED"
    case cancelled = "CANCELLED"

    /// RUNNING while any job is unfinished (waiting included); then FAILED (none completed) or
    /// PARTIALLY_FAILED when any failed or was skipped; else CANCELLED when any was cancelled; else COMPLETED.
    public init(counts: [JobStatus: Int]) {
        let n = { (s: JobStatus) in counts[s] ?? 0 }
        if n(.created) + n(.queued) + n(.running) + n(.waiting) > 0 {
            self = .running
        } else if n(.failed) + n(.skipped) > 0 {
            self = n(.completed) > 0 ? .partiallyFailed : .failed
        } else if n(.cancelled) > 0 {
            self = .cancelled
        } else {
            self = .completed
        }
    }
}
