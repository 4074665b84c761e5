/// `POST …/batch/{batch_id}/cancel` and `…/retry`: how many jobs the action changed.
struct BatchActionResponse: Encodable {
    let batchID: Int64
    /// cancel or retry.
    let action: String
    /// Jobs cancelled, or requeued.
    let jobs: Int

    enum CodingKeys: String, CodingKey {
        case batchID = "batch_id", action, jobs
    }
}
