import ArgumentParser
import Batch

/// `geotool batch retry RUN --failed [--cancelled] [--job ID]`: requeues finished-but-unsuccessful jobs.
struct BatchRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Requeue FAILED (and/or CANCELLED) jobs with a fresh attempt budget; then `batch run` again.")

    @OptionGroup var target: RunDirectoryArgument

    @Flag(help: "Requeue FAILED jobs.")
    var failed = false

    @Flag(help: "Requeue CANCELLED jobs.")
    var cancelled = false

    @OptionGroup var selection: JobSelection

    func validate() throws {
        guard failed || cancelled else { throw ValidationError("give --failed and/or --cancelled") }
    }

    func run() throws {
        let store = try target.openStore()
        let n = try store.retry(failed: failed, cancelled: cancelled, jobID: selection.job, batchID: selection.batch)
        print("requeued \(n) jobs")
    }
}
