import Batch

/// `GET …/overview`: every batch and workflow of the run directory at a glance, and the workers working it.
struct RunOverviewResponse: Encodable {
    /// One batch: status, counts per job status, progress, recent throughput and time left.
    struct Batch: Encodable {
        let batchID: Int64
        let name: String
        let kind: String
        let status: BatchStatus
        let total: Int
        let counts: [String: Int]
        let progressPercent: Double
        /// Completed jobs per second over the last 60 s (or since submission).
        let jobsPerSecond: Double
        /// Unfinished jobs divided by that rate; nil while nothing completes (or unknown).
        let etaSeconds: Double?
        let createdAt: Double?

        enum CodingKeys: String, CodingKey {
            case batchID = "batch_id", name, kind, status, total, counts, progressPercent = "progress_percent"
            case jobsPerSecond = "jobs_per_s", etaSeconds = "eta_s", createdAt = "created_at"
        }
    }

    /// One live worker process.
    struct Worker: Encodable {
        let id: String
        let threads: Int
        let shard: String?
        let running: Int
        let jobsDone: Int
        /// Seconds since its last heartbeat.
        let heartbeatAge: Double

        enum CodingKeys: String, CodingKey {
            case id, threads, shard, running, jobsDone = "jobs_done", heartbeatAge = "heartbeat_age_s"
        }
    }

    /// Unix time of this snapshot.
    let generatedAt: Double
    /// Every job status, in lifecycle order (for legends and filters).
    let statuses: [String]
    let batches: [Batch]
    /// Workflows: their stages (each one of `batches`) in dependency order, with what each needs.
    let workflows: [WorkflowSummary]
    let workers: [Worker]
    /// The pool across processes (as `…/pool/stats`).
    let pool: PoolStatsResponse

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at", statuses, batches, workflows, workers, pool
    }
}
