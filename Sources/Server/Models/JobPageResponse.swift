import Batch
import GeoSupport

/// `GET …/batch/{batch_id}/jobs`: one page of a batch's jobs (filtered, sorted) and how many match.
struct JobPageResponse: Encodable {
    /// One job of the page.
    struct Entry: Encodable {
        let jobID: Int64
        let seq: Int
        let status: JobStatus
        let attempts: Int
        let worker: String?
        /// The job's error, cut to `errorLimit` characters (the job's own route has it whole).
        let error: String?
        let parameters: JobParameters
        /// Result values, once completed.
        let values: [String: ParameterValue]?
        /// File names of its outputs (fetch them through `…/jobs/{job_id}/output?name=`).
        let outputs: [String]

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id", seq, status, attempts, worker, error, parameters, values, outputs
        }
    }

    /// Longest error text per entry.
    static let errorLimit = 400

    let batchID: Int64
    /// Jobs matching the filters (every page).
    let total: Int
    let offset: Int
    let limit: Int
    let sort: String
    let order: String
    /// The batch's varying parameter names (filter and sort keys `p.<name>`).
    let parameterNames: [String]
    let jobs: [Entry]

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", total, offset, limit, sort, order, parameterNames = "parameter_names", jobs
    }
}
