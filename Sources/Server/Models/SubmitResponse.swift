import Batch

/// `POST …/batch/submit` and `…/simulations/parallel` (201): the new batch.
struct SubmitResponse: Codable, Equatable {
    let batchID: Int64
    let name: String
    let kind: String
    let jobs: Int
    let statusURL: String

    init(_ batch: BatchInfo) {
        batchID = batch.id
        name = batch.name
        kind = batch.kind
        jobs = batch.jobCount
        statusURL = APIRoute.batchStatus.path.replacingOccurrences(of: "{batch_id}", with: String(batch.id))
    }

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", name, kind, jobs, statusURL = "status_url"
    }
}
