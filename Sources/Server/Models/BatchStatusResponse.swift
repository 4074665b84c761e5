import Batch

/// `GET …/batch/{batch_id}/status`: geotool's fields plus the seed worker pool's (`total_jobs`,
/// `completed`, `failed`, `running`, `queued`, `progress_percent`, `job_statuses`), so a client written
/// for the seed keeps working.
struct BatchStatusResponse: Codable, Equatable {
    let batchID: Int64
    let name: String
    let kind: String
    /// RUNNING, COMPLETED, PARTIALLY_FAILED, FAILED or CANCELLED (as `geotool batch status`).
    let status: BatchStatus
    /// Finished jobs (completed, failed, cancelled) in percent.
    let progressPercent: Double
    let total: Int
    /// Jobs per status (`QUEUED`, `RUNNING`, `COMPLETED`, …; absent statuses omitted).
    let counts: [String: Int]
    /// The seed's names: `total_jobs` = `total`; `queued` includes CREATED jobs.
    let totalJobs: Int
    let completed: Int
    let failed: Int
    let running: Int
    let queued: Int
    let jobStatuses: [JobStatusEntry]

    init(_ summary: BatchSummary, jobs: [JobRow]) {
        batchID = summary.id
        name = summary.name
        kind = summary.kind
        status = summary.status
        progressPercent = summary.percent
        total = summary.total
        counts = summary.counts
        totalJobs = summary.total
        completed = summary.count(.completed)
        failed = summary.count(.failed)
        running = summary.count(.running)
        queued = summary.count(.queued) + summary.count(.created)
        jobStatuses = jobs.map(JobStatusEntry.init)
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", name, kind, status, progressPercent = "progress_percent", total, counts
        case totalJobs = "total_jobs", completed, failed, running, queued
        case jobStatuses = "job_statuses"
    }
}
