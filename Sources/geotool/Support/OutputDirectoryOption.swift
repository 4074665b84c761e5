import ArgumentParser

/// `--out DIR`: the directory a command writes its several outputs into.
struct OutputDirectoryOption: ParsableArguments {
    @Option(name: .customLong("out"), help: ArgumentHelp("Output directory (created if missing).", valueName: "dir"))
    var path: String
}
