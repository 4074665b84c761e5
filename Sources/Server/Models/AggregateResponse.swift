/// `GET …/batch/{batch_id}/aggregate`: the aggregate table of `batch results --aggregate` (columns
/// `by…, n, <value>_<statistic>…`; numbers as numbers, empty cells as null).
struct AggregateResponse: Encodable {
    let batchID: Int64
    let completed: Int
    let statistics: [String]
    let by: [String]
    /// The batch's varying parameter names (possible `by` keys).
    let parameterNames: [String]
    let header: [String]
    let rows: [[JSONValue]]

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", completed, statistics, by, parameterNames = "parameter_names", header, rows
    }
}
