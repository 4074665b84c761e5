import ArgumentParser
import Operations
import Raster

/// `--of` and `-co` for commands that write rasters.
struct RasterOutputOptions: ParsableArguments {
    @Option(name: .customLong("of"), help: "Output format: GTiff or COG.")
    var format: String = "GTiff"

    @Option(name: .customLong("co", withSingleDash: true),
            help: ArgumentHelp("Creation option KEY=VALUE (repeatable), merged over the defaults (tiled; resample/reproject keep the input's compression, other commands DEFLATE).",
                               valueName: "KEY=VALUE"))
    var creationOptions: [String] = []

    /// The parsed format.
    func outputFormat() throws -> OutputFormat {
        guard let f = OutputFormat(name: format) else {
            throw CLIError("--of: unknown format '\(format)' (use GTiff or COG)")
        }
        return f
    }

    /// The parsed creation options (one parser for the CLI and the stages' `co` parameter).
    func creationOptionDictionary() throws -> [String: String] {
        do { return try RasterOutputParameters.creationOptions(creationOptions) } catch let e as StageParameterError {
            throw CLIError("-co: \(e.message)")
        }
    }
}
