import Batch

/// `GET …/batch/{batch_id}/status`.
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
    let jobStatuses: [JobStatusEntry]

    init(_ summary: BatchSummary, jobs: [JobRow]) {
        batchID = summary.id
        name = summary.name
        kind = summary.kind
        status = summary.status
        progressPercent = summary.percent
        total = summary.total
        counts = summary.counts
        jobStatuses = jobs.map(JobStatusEntry.init)
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", name, kind, status, progressPercent = "progress_percent", total, counts
        case jobStatuses = "job_statuses"
    }
}
