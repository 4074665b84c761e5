import ArgumentParser
import Batch

/// `geotool workflow cancel RUN --workflow ID`: cancels a workflow's unfinished jobs, waiting ones included.
struct WorkflowCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "Cancel a workflow's unfinished jobs (waiting, queued, running).")

    @OptionGroup var target: RunDirectoryArgument

    @Option(help: "The workflow id (see `workflow status`).")
    var workflow: Int64

    func run() throws {
        print("cancelled \(try target.openStore().cancel(workflow: workflow)) jobs")
    }
}
