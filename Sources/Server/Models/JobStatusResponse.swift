import Batch

/// `GET …/jobs/{job_id}/status` (and each entry of `…/pool/jobs`).
struct JobStatusResponse: Codable, Equatable {
    let jobID: Int64
    let batchID: Int64
    let seq: Int
    let status: JobStatus
    let attempts: Int
    /// `host:pid:wN` of the worker holding it (while RUNNING).
    let worker: String?
    let error: String?
    /// The job's varying parameters (the batch's inputs are not repeated).
    let parameters: JobParameters
    /// The result, once COMPLETED.
    let result: JobResult?

    init(_ row: JobRow, result: JobResult? = nil) {
        jobID = row.id
        batchID = row.batchID
        seq = row.seq
        status = row.status
        attempts = row.attempts
        worker = row.worker
        error = row.error
        parameters = row.parameters
        self.result = result
    }

    enum CodingKeys: String, CodingKey {
        case jobID = "job_id", batchID = "batch_id", seq, status, attempts, worker, error, parameters, result
    }
}
