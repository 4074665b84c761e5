import ArgumentParser
import Batch

/// `geotool workflow run RUN [--jobs N]`: works every stage until nothing is left; resumable after a crash.
/// The same worker pool as `batch run`: a stage's jobs are released as what they need completes.
struct WorkflowRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run RUN's workflows (and batches) until no job is waiting, queued or running (resumes after a crash).",
        discussion: "Exit status: 0 all jobs of this run completed; 2 some jobs FAILED (their dependents are SKIPPED); 1 the run could not proceed.")

    @OptionGroup var pool: BatchRunCommand

    func run() throws {
        try pool.run()
        let store = try pool.target.openStore()
        for w in try store.workflows() { Console.error(WorkflowStatusCommand.headline(w)) }
    }
}
