import ArgumentParser
import Batch

/// `geotool workflow retry RUN --failed [--cancelled] [--workflow ID]`: requeues failed jobs; the jobs
/// skipped because of them wait again and run once the retried jobs complete.
struct WorkflowRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Requeue a workflow's FAILED (and/or CANCELLED) jobs and re-release their SKIPPED dependents; then `workflow run` again.")

    @OptionGroup var target: RunDirectoryArgument

    @Flag(help: "Requeue FAILED jobs.")
    var failed = false

    @Flag(help: "Also requeue CANCELLED jobs.")
    var cancelled = false

    @Option(help: "Only this workflow id (default: every workflow in RUN).")
    var workflow: Int64?

    func validate() throws {
        guard failed || cancelled else { throw ValidationError("give --failed and/or --cancelled") }
    }

    func run() throws {
        let store = try target.openStore()
        let ids = try workflow.map { [$0] } ?? store.workflows().map(\.id)
        let n = try ids.reduce(0) { $0 + (try store.retry(workflow: $1, failed: failed, cancelled: cancelled)) }
        print("requeued \(n) jobs")
    }
}
