import ArgumentParser
import Batch

/// The run directory argument shared by the `batch` subcommands that work on an existing store.
struct RunDirectoryArgument: ParsableArguments {
    @Argument(help: "Run directory (holds batch.sqlite).")
    var runDirectory: String

    /// Opens the store, or reports one line and exits non-zero.
    func openStore() throws -> JobStore { try BatchCLI.openStore(runDirectory) }
}

/// `--job ID` / `--batch ID`: which jobs a command touches (default: all).
struct JobSelection: ParsableArguments {
    @Option(help: "Only this job.")
    var job: Int64?

    @Option(help: "Only this batch.")
    var batch: Int64?
}
