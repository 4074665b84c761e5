import ArgumentParser
import Batch

/// `geotool batch cancel RUN [--job ID] [--batch ID]`: cancels queued and running jobs.
struct BatchCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel unfinished jobs (all, one batch, or one job); running jobs are stopped by their workers.")

    @OptionGroup var target: RunDirectoryArgument

    @OptionGroup var selection: JobSelection

    func run() throws {
        let store = try target.openStore()
        let n = try store.cancel(jobID: selection.job, batchID: selection.batch)
        print("cancelled \(n) jobs")
    }
}
