/// One workflow stage's progress: its batch summary and what it needs.
public struct StageSummary: Sendable, Equatable, Codable {
    public let stage: String
    public let batch: BatchSummary
    public let needs: [StageNeed]

    public init(stage: String, batch: BatchSummary, needs: [StageNeed]) {
        self.stage = stage
        self.batch = batch
        self.needs = needs
    }
}
