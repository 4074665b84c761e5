import GeoSupport
import Batch

/// `GET …/batch/{batch_id}/results`: every completed job's values, and statistics of each numeric
/// value per group of `by` parameters (as `geotool batch results --aggregate … --by …`).
struct ResultsResponse: Encodable {
    let batchID: Int64
    let completed: Int
    let statistics: [String]
    let by: [String]
    /// One object per group: the `by` values, `n`, and `<value>_<statistic>` (null when undefined).
    let aggregates: [JSONValue]
    let results: [Entry]

    /// One completed job.
    struct Entry: Encodable {
        let jobID: Int64
        let seq: Int
        let parameters: JobParameters
        let values: [String: ParameterValue]
        let outputs: [String]

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id", seq, parameters, values, outputs
        }
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", completed, statistics, by, aggregates, results
    }
}
