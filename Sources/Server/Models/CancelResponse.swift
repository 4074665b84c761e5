import Batch

/// `POST …/jobs/{job_id}/cancel`.
struct CancelResponse: Codable, Equatable {
    let jobID: Int64
    let status: JobStatus
    let cancelled: Bool

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", status, cancelled
    }
}
