/// One stage of a workflow: a batch spec (kind, inputs, parameters, sampling, retries, …) and the
/// stages it needs.
public struct WorkflowStage: Sendable, Equatable {
    /// The stage's name (its key under `stages:`).
    public var name: String { batch.name }
    /// The stage's jobs, as a batch spec named after the stage.
    public var batch: BatchSpec
    /// The stages it waits for.
    public var needs: [StageNeed]

    public init(batch: BatchSpec, needs: [StageNeed] = []) {
        self.batch = batch
        self.needs = needs
    }

    /// The need on `stage`, if any.
    public func need(on stage: String) -> StageNeed? { needs.first { $0.stage == stage } }
}
