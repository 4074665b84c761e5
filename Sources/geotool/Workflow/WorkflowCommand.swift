import ArgumentParser

/// `geotool workflow …`: stages of jobs with dependencies, in the same durable store as batches.
struct WorkflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workflow",
        abstract: "Workflows: stages of jobs that need earlier stages (barrier or per item) and use what they produced.",
        subcommands: [
            WorkflowSubmitCommand.self,
            WorkflowRunCommand.self,
            WorkflowStatusCommand.self,
            WorkflowCancelCommand.self,
            WorkflowRetryCommand.self,
        ]
    )
}
