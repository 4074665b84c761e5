import ArgumentParser
import GeoSupport

/// `--jobs N`: how many worker threads a command runs (default: one per processor) — the one declaration of
/// the option for every command that runs threads. `--workers N`, the old spelling of `batch run` and `serve`,
/// is a hidden alias kept for one release. `Minimum` is the smallest count the command accepts.
struct WorkerOptions<Minimum: WorkerMinimum>: ParsableArguments {
    @Option(name: .customLong("jobs"), help: ArgumentHelp(Minimum.help, valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("workers"), help: .hidden)
    var workers: Int?

    func validate() throws {
        if jobs != nil, workers != nil { throw ValidationError("--workers is the old name of --jobs: give one of them") }
        if let n = requested, n < Minimum.value { throw ValidationError("--jobs must be at least \(Minimum.value)") }
    }

    /// The count given on the command line, if any.
    var requested: Int? { jobs ?? workers }

    /// The count to run: the one given, else one per processor.
    var count: Int { requested ?? WorkerThreads.defaultJobs }
}
