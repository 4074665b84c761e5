/// One dependency of a workflow stage on an earlier stage.
public struct StageNeed: Sendable, Equatable, Codable {
    /// The stage needed.
    public let stage: String
    /// Per item: job i of the dependent stage waits only for job i of `stage` (both stages expand to the
    /// same number of jobs). Otherwise a barrier: every job waits for every job of `stage`.
    public let perItem: Bool

    enum CodingKeys: String, CodingKey { case stage, perItem = "per_item" }

    public init(stage: String, perItem: Bool = false) {
        self.stage = stage
        self.perItem = perItem
    }
}
