import ArgumentParser
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

    /// The parsed creation options.
    func creationOptionDictionary() throws -> [String: String] {
        var d: [String: String] = [:]
        for item in creationOptions {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw CLIError("-co: expected KEY=VALUE, got '\(item)'")
            }
            d[String(item[..<eq]).uppercased()] = String(item[item.index(after: eq)...])
        }
        return d
    }
}
