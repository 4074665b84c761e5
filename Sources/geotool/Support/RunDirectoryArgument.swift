import ArgumentParser
import Batch

/// The run directory argument shared by the `batch` subcommands that work on an existing store.
struct RunDirectoryArgument: ParsableArguments {
    @Argument(help: "Run directory (holds batch.sqlite).")
    var runDirectory: String

    /// Opens the store (it must exist).
    func openStore() throws -> JobStore { try JobStore(runDirectory: runDirectory) }
}
