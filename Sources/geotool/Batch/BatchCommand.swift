import ArgumentParser

/// `geotool batch …`: scenario batches in a durable job store (see the Batch module).
struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Batches of jobs from a scenario spec: submit, run (resumable, sharded, SLURM), status, results.",
        subcommands: [
            BatchSubmitCommand.self,
            BatchRunCommand.self,
            BatchStatusCommand.self,
            BatchCancelCommand.self,
            BatchRetryCommand.self,
            BatchResultsCommand.self,
            BatchPoolCommand.self,
            BatchMergeCommand.self,
            BatchExecJobCommand.self,
            BatchSlurmMergeCommand.self,
        ]
    )
}
