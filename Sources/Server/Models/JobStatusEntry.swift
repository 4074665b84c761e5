import Batch

/// One line of a batch's `job_statuses`.
struct JobStatusEntry: Codable, Equatable {
    let jobID: Int64
    let seq: Int
    let status: JobStatus
    let attempts: Int
    let error: String?

    init(_ row: JobRow) {
        jobID = row.id
        seq = row.seq
        status = row.status
        attempts = row.attempts
        error = row.error
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", seq, status, attempts, error
    }
}
