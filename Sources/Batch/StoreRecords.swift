import Foundation

/// A stored batch's settings (immutable after submit, except the SLURM job id).
public struct BatchInfo: Sendable, Equatable {
    public let id: Int64
    public let name: String
    public let kind: String
    public let inputs: JobParameters
    public let priority: Int
    public let maxAttempts: Int
    public let retryBackoff: Double
    public let timeout: Double?
    public let rateLimit: Double?
    public let isolation: BatchSpec.Isolation
    public let jobCount: Int
    public let slurmJobID: String?
}

/// A job a worker holds the lease of.
public struct ClaimedJob: Sendable, Equatable {
    public let id: Int64
    public let batchID: Int64
    public let seq: Int
    /// The job's varying parameters (without the batch's inputs).
    public let parameters: JobParameters
    /// 1 for the first attempt.
    public let attempt: Int
}

/// One job's row, for status listings.
public struct JobRow: Sendable, Equatable {
    public let id: Int64
    public let batchID: Int64
    public let seq: Int
    public let status: JobStatus
    public let attempts: Int
    public let worker: String?
    public let error: String?
    public let parameters: JobParameters
}

/// One completed job with its result.
public struct ResultRow: Sendable, Equatable {
    public let jobID: Int64
    public let batchID: Int64
    public let seq: Int
    public let parameters: JobParameters
    public let result: JobResult
}

/// A batch's progress and derived status.
public struct BatchSummary: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let kind: String
    public let total: Int
    public let counts: [String: Int]
    public let status: BatchStatus
    /// Finished (completed, failed or cancelled) jobs in percent.
    public let percent: Double
    public let slurmJobID: String?

    public func count(_ s: JobStatus) -> Int { counts[s.rawValue] ?? 0 }

    enum CodingKeys: String, CodingKey {
        case id, name, kind, total, counts, status, percent
        case slurmJobID = "slurm_job_id"
    }
}

/// The worker pool as seen from the store: live `batch run` processes, queue depth, throughput.
public struct PoolStats: Sendable, Equatable, Codable {
    /// Live worker processes (heartbeat within the last 10 s) and their threads.
    public let processes: Int
    public let workers: Int
    public let queued: Int
    public let running: Int
    public let completed: Int
    public let failed: Int
    /// Completed jobs per second over the last 60 s.
    public let recentThroughput: Double
    /// Completed jobs per second between the first and the last result.
    public let overallThroughput: Double

    enum CodingKeys: String, CodingKey {
        case processes, workers, queued, running, completed, failed
        case recentThroughput = "recent_jobs_per_s"
        case overallThroughput = "overall_jobs_per_s"
    }
}

/// Slice k of N of a batch (`--shard k/N`): the jobs whose `seq % N == k`.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count > 0, index >= 0, index < count else {
            throw BatchError.invalidArgument("shard \(index)/\(count): need 0 ≤ k < N")
        }
        self.index = index
        self.count = count
    }

    /// Parses `k/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]) else {
            throw BatchError.invalidArgument("shard '\(text)': expected k/N, e.g. 0/4")
        }
        try self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }
}
