import ArgumentParser
import Batch
import Foundation

/// `plot`: one PNG per job, drawn by the `geotool plot` subcommand named by `type` with the same
/// options as on the command line, e.g. a map of every scenario's soil loss, or the decay curves of
/// every TEM1D chunk.
///
/// Parameters: `type` (map, hist, decay, scatter, series), `input` (the raster or CSV), optional
/// `output` (file name in the job's output directory, default `plot.png`), `flags` (comma-separated
/// flag names without dashes, e.g. `hillshade,minmax`) and any other option of that subcommand by
/// its long name with `_` for `-` (`cmap: magma`, `vmax: 5`, `nodata_color: white`, `title: …`).
/// Parameters are checked at submit time by parsing them exactly as the CLI would.
struct PlotJob: JobRunner {
    let kind = "plot"
    static let types: Set<String> = ["map", "hist", "decay", "scatter", "series"]
    private static let reserved: Set<String> = ["type", "input", "output", "flags", "seed"]

    func validate(parameters p: JobParameters) throws {
        _ = try command(p, output: "plot.png")
        if let name = p["output"]?.description {
            guard name.hasSuffix(".png"), !name.contains("/"), !name.hasPrefix(".") else {
                throw BatchError.invalidSpec(path: "parameters.output", message: "must be a file name ending in .png, got '\(name)'")
            }
        }
    }

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let file = try context.writeOutput(p["output"]?.description ?? "plot.png") { tmp in
            try command(p, output: tmp).render()
        }
        return JobResult(outputs: [file])
    }

    /// The parsed subcommand for `p`, writing to `output`; parse errors name the parameter.
    func command(_ p: JobParameters, output: String) throws -> any PlotRendering {
        guard let type = p["type"]?.description, Self.types.contains(type) else {
            throw BatchError.invalidSpec(path: "parameters.type", message: "must be one of \(Self.types.sorted().joined(separator: ", "))")
        }
        guard case .string(let input)? = p["input"], !input.isEmpty else {
            throw BatchError.invalidSpec(path: "parameters.input", message: "is required: the raster or CSV to plot (string)")
        }
        var arguments = [type, input, "--output", output]
        for key in p.keys.sorted() where !Self.reserved.contains(key) {
            arguments += ["--" + key.replacingOccurrences(of: "_", with: "-"), p[key]!.description]
        }
        for flag in (p["flags"]?.description ?? "").split(separator: ",") {
            arguments.append("--" + flag.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "-"))
        }
        do {
            guard let command = try PlotCommand.parseAsRoot(arguments) as? any PlotRendering else {
                throw BatchError.invalidSpec(path: "parameters.type", message: "'\(type)' is not a single-figure plot")
            }
            return command
        } catch let error as BatchError {
            throw error
        } catch {
            let message = PlotCommand.message(for: error).replacingOccurrences(of: "\n", with: " ")
            throw BatchError.invalidSpec(path: "parameters", message: "plot \(type): \(message)")
        }
    }
}
