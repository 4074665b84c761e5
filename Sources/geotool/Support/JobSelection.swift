import ArgumentParser

/// `--job ID` / `--batch ID`: which jobs a command touches (default: all).
struct JobSelection: ParsableArguments {
    @Option(help: "Only this job.")
    var job: Int64?

    @Option(help: "Only this batch.")
    var batch: Int64?
}
