/// One step of a cluster run: the batches whose jobs one set of array tasks works (a batch, or one
/// workflow stage), spread over `tasks` shard stores under `RUN/shards/<name>/`.
public struct SlurmStep: Sendable, Equatable, Codable {
    /// A path component: `batch-<id>` or the stage name.
    public let name: String
    public let batchIDs: [Int64]
    public let tasks: Int

    enum CodingKeys: String, CodingKey {
        case name, tasks
        case batchIDs = "batch_ids"
    }

    public init(name: String, batchIDs: [Int64], tasks: Int) {
        self.name = name
        self.batchIDs = batchIDs
        self.tasks = tasks
    }
}
