import ArgumentParser
import Foundation
import GeoSupport
import Raster
import Resample
import Operations

/// `geotool resample IN OUT`: block aggregation (sum/mean/min/max/count) with bounded memory.
struct ResampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resample",
        abstract: "Aggregate a raster to coarser cells (sum, mean, min, max, count), nodata-aware, in bounded memory.",
        discussion: """
            Each output cell reduces the input pixels whose centres fall inside it, accumulated in Float64. \
            A cell with no valid input (nodata or NaN) is nodata (NaN); with --min-valid-fraction F a cell is nodata \
            when fewer than F of its input pixels are valid. count is never nodata (cells without valid input count 0). \
            Floating-point output is tiled DEFLATE with the floating-point predictor at level 1 (PREDICTOR=3 ZLEVEL=1, \
            lossless); -co PREDICTOR=/ZLEVEL= override.
            """)

    @Argument(help: "Input raster.") var input: String
    @Argument(help: "Output raster (written atomically).") var output: String

    @Option(help: "Aggregate blocks of N×N input pixels.") var factor: Int?
    @Option(name: .customLong("tr"), parsing: .upToNextOption,
            help: ArgumentHelp("Target cell size XRES YRES in the input CRS units.", valueName: "XRES YRES"))
    var targetResolution: [Double] = []
    @Option(name: .customLong("te"), parsing: .upToNextOption,
            help: ArgumentHelp("Target extent (with --tr; default: the input's bounds).", valueName: "XMIN YMIN XMAX YMAX"))
    var targetExtent: [Double] = []
    @Option(help: "sum, mean, min, max or count.") var method: String
    @Option(help: "A cell is nodata when fewer than this fraction of its input pixels are valid (0…1).")
    var minValidFraction: Double = 0
    @Option(help: "Partial cells at the right/bottom edge: keep (default) or drop.") var edge: String = "keep"
    @Option(name: .customLong("ot"), help: "Output type (Float32, Float64, UInt32…); default depends on --method.")
    var outputType: String?
    @OptionGroup var outputOptions: RasterOutputOptions
    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>
    @Option(help: "Strips in flight at once (bounds memory; default jobs+2).") var queue: Int = 0
    @Flag(help: "No progress on stderr.") var quiet = false
    /// `--table-output`: one row per valid output cell of band 1 (cell polygon, col, row, value, valid_count).
    @OptionGroup var tableOutput: TableOutputOptions

    func run() throws {
        try OutputGuard.check(inputs: [input], outputs: [output])
        try tableOutput.check(defaultTable: "resample")
        var parameters = ResampleOperation.Parameters(input: input, target: try target(), method: try parsedMethod())
        parameters.minValidFraction = minValidFraction
        guard let e = EdgePolicy(rawValue: edge) else { throw CLIError("--edge must be keep or drop") }
        parameters.edge = e
        if let outputType {
            guard let t = RasterDataType(name: outputType) else { throw CLIError("--ot: unknown type '\(outputType)'") }
            parameters.outputType = t
        }
        parameters.output = RasterOutputParameters(format: try outputOptions.outputFormat(),
                                                   creationOptions: try outputOptions.creationOptionDictionary())
        parameters.workers = workers.count
        parameters.queueCapacity = queue
        let progress = Console.Progress("resample \(input)", enabled: !quiet)
        let summary: BlockAggregation.Summary
        do { summary = try ResampleOperation.run(parameters, output: output, progress: progress.update) } catch let e as SizeError {
            throw CLIError(e.naming("--tr").description)   // the only size the target grid takes from the user
        } catch let e as StageParameterError {
            throw CLIError("\(Self.flags[e.key] ?? e.key): \(e.message)")
        }
        Console.error("wrote \(output): \(summary.outputWidth)×\(summary.outputHeight), \(summary.bands) band(s)")
        try tableOutput.write(try ResultTables.resampledCells(parameters, output: output), defaultTable: "resample", metadata: Provenance.metadata(inputs: [input]))
    }

    /// The option that sets each parameter of the `resample` stage (library errors name the parameter).
    static let flags: [String: String] = [
        "factor": "--factor", "tr_x": "--tr", "tr_y": "--tr", "te_xmin": "--te", "te_ymin": "--te", "te_xmax": "--te",
        "te_ymax": "--te", "method": "--method", "min_valid_fraction": "--min-valid-fraction", "edge": "--edge",
        "ot": "--ot", "of": "--of", "co": "-co",
    ]

    private func parsedMethod() throws -> AggregationMethod {
        guard let m = AggregationMethod(rawValue: method) else {
            throw CLIError("--method must be one of sum, mean, min, max, count (got '\(method)')")
        }
        return m
    }

    private func target() throws -> BlockAggregation.Target {
        switch (factor, targetResolution.isEmpty) {
        case (let f?, true):
            guard targetExtent.isEmpty else { throw CLIError("--te goes with --tr, not --factor") }
            return .factor(x: f, y: f)
        case (nil, false):
            guard targetResolution.count == 2 else { throw CLIError("--tr takes two values: XRES YRES") }
            guard targetExtent.isEmpty || targetExtent.count == 4 else {
                throw CLIError("--te takes four values: XMIN YMIN XMAX YMAX")
            }
            let e = targetExtent.isEmpty ? nil
                : (minX: targetExtent[0], minY: targetExtent[1], maxX: targetExtent[2], maxY: targetExtent[3])
            return .resolution(x: targetResolution[0], y: targetResolution[1], extent: e)
        case (_?, false): throw CLIError("give either --factor or --tr, not both")
        case (nil, true): throw CLIError("give --factor N or --tr XRES YRES")
        }
    }
}
