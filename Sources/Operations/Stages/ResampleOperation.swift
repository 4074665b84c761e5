import Batch
import Foundation
import GeoSupport
import Raster
import Resample

/// `resample`: block aggregation of one raster into coarser cells (sum, mean, min, max, count), nodata-aware,
/// in bounded memory — the stage behind `geotool resample` and the `resample` job kind, declared once.
///
/// Parameters (the CLI's flags map one to one: `--factor` → `factor`, `--tr X Y` → `tr_x`, `tr_y`, `--te` →
/// `te_xmin` … `te_ymax`, `--method`, `--min-valid-fraction`, `--edge`, `--ot`, `--of`, `-co`): see `schema`.
/// The job writes `output` (default `resampled.tif`) in its output directory and reports `width`, `height`,
/// `bands` and `n_cells` (width × height).
public struct ResampleOperation: JobRunner {
    public static let kindName = "resample"
    public let kind = ResampleOperation.kindName
    /// What a workflow stage may refer to: the default output name and the result values.
    public let products = KindProducts(outputs: ["resampled"], results: ["width", "height", "bands", "n_cells"])

    /// What one aggregation does, typed: the CLI and the job kind both build one and call `run`.
    public struct Parameters: Sendable {
        public var input: String
        public var target: BlockAggregation.Target
        public var method: AggregationMethod
        public var minValidFraction = 0.0
        public var edge = EdgePolicy.keep
        /// nil: the method's default (Float32 sums of Float32 input, …).
        public var outputType: RasterDataType?
        public var output = RasterOutputParameters()
        /// Worker threads (≥ 1).
        public var workers = 1
        /// Strips in flight at once (0: workers + 2).
        public var queueCapacity = 0

        public init(input: String, target: BlockAggregation.Target, method: AggregationMethod) {
            self.input = input
            self.target = target
            self.method = method
        }
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("input", .inputFile, required: true, help: "the raster to aggregate"),
        ParameterDeclaration("output", .outputFileName(suffix: ".tif"), default: "resampled.tif",
                             help: "file name of the aggregated raster in the job's output directory"),
        ParameterDeclaration("method", .choice(AggregationMethod.allCases.map(\.rawValue)), required: true,
                             help: "reduction of the input pixels whose centres fall in a cell"),
        ParameterDeclaration("factor", .integer(1...Int(Int32.max)), help: "aggregate blocks of N×N input pixels (or tr_x, tr_y)"),
        ParameterDeclaration("tr_x", .number(), help: "target cell width in the input CRS units (with tr_y)"),
        ParameterDeclaration("tr_y", .number(), help: "target cell height in the input CRS units (with tr_x)"),
        ParameterDeclaration("te_xmin", .number(), help: "target extent west (with tr_x, tr_y; default: the input's bounds)"),
        ParameterDeclaration("te_ymin", .number(), help: "target extent south"),
        ParameterDeclaration("te_xmax", .number(), help: "target extent east"),
        ParameterDeclaration("te_ymax", .number(), help: "target extent north"),
        ParameterDeclaration("min_valid_fraction", .number(0...1), default: 0,
                             help: "a cell is nodata when fewer than this fraction of its input pixels are valid"),
        ParameterDeclaration("edge", .choice(EdgePolicy.allCases.map(\.rawValue)), default: "keep",
                             help: "partial cells at the right/bottom edge: keep or drop"),
        ParameterDeclaration("ot", .choice(RasterDataType.allCases.map(\.rawValue)),
                             help: "output pixel type (default depends on the method)"),
    ] + RasterOutputParameters.declarations)

    /// The kind, stateless.
    public init() {}

    /// The parameter key each library parameter is given by.
    static let keys: [ResampleParameter: String] = [
        .factor: "factor", .targetResolution: "tr_x", .targetExtent: "te_xmin",
        .minimumValidFraction: "min_valid_fraction", .outputType: "ot",
    ]

    /// Aggregates `parameters.input` into `output` (written atomically, with provenance metadata);
    /// `progress` gets the fraction done. A bad parameter value is a `StageParameterError` naming its key;
    /// a target grid beyond the memory budget a `SizeError`.
    @discardableResult
    public static func run(_ parameters: Parameters, output: String,
                           progress: ((Double) -> Void)? = nil) throws -> BlockAggregation.Summary {
        var job = BlockAggregation(target: parameters.target, method: parameters.method)
        job.minValidFraction = parameters.minValidFraction
        job.edge = parameters.edge
        job.outputType = parameters.outputType
        job.format = parameters.output.format
        job.creationOptions = parameters.output.creationOptions
        job.workers = max(1, parameters.workers)
        job.queueCapacity = parameters.queueCapacity
        job.metadata = Provenance.metadata(inputs: [parameters.input])
        // The pipeline reads each block once: a small block cache keeps memory bounded, and
        // uncompressed GeoTIFF input is read straight into the workers' strip buffers (GDAL's
        // direct I/O skips the block cache and its extra copy; other inputs are unaffected).
        GDALConfiguration.setCacheMaxMegabytes(32)
        if ProcessInfo.processInfo.environment["GTIFF_DIRECT_IO"] == nil {
            GDALConfiguration.set("GTIFF_DIRECT_IO", "YES")
        }
        do { return try job.run(input: parameters.input, output: output, progress: progress) } catch ResampleError.invalidParameter(let p, let message) {
            throw StageParameterError(keys[p] ?? p.rawValue, message)
        }
    }

    /// The typed parameters of a job; errors name the key.
    public static func parameters(_ p: JobParameters) throws -> Parameters {
        let a = StageArguments(p)
        let target: BlockAggregation.Target
        switch (a.integer("factor"), try a.pair("tr_x", "tr_y")) {
        case (let f?, nil):
            if let key = ["te_xmin", "te_ymin", "te_xmax", "te_ymax"].first(where: { p[$0] != nil }) {
                throw StageParameterError(key, "goes with tr_x and tr_y, not factor")
            }
            target = .factor(x: f, y: f)
        case (nil, let r?):
            let extent = ["te_xmin", "te_ymin", "te_xmax", "te_ymax"].map { key -> Double? in a.number(key) }
            let e: (minX: Double, minY: Double, maxX: Double, maxY: Double)?
            if extent.allSatisfy({ $0 == nil }) {
                e = nil
            } else if let missing = zip(["te_xmin", "te_ymin", "te_xmax", "te_ymax"], extent).first(where: { $0.1 == nil }) {
                throw StageParameterError(missing.0, "is required: an extent takes te_xmin, te_ymin, te_xmax and te_ymax")
            } else {
                e = (extent[0]!, extent[1]!, extent[2]!, extent[3]!)
            }
            target = .resolution(x: r.x, y: r.y, extent: e)
        case (_?, _?): throw StageParameterError("factor", "give either factor or tr_x and tr_y, not both")
        case (nil, nil): throw StageParameterError("factor", "is required (or tr_x and tr_y)")
        }
        guard let method = a.text("method").flatMap(AggregationMethod.init(rawValue:)) else {
            throw StageParameterError("method", "is required: one of \(AggregationMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var parameters = Parameters(input: a.text("input") ?? "", target: target, method: method)
        parameters.minValidFraction = a.number("min_valid_fraction") ?? 0
        parameters.edge = a.text("edge").flatMap(EdgePolicy.init(rawValue:)) ?? .keep
        parameters.outputType = a.text("ot").flatMap(RasterDataType.init(name:))
        parameters.output = try RasterOutputParameters.read(a)
        return parameters
    }

    public func validate(parameters p: JobParameters) throws {
        _ = try StageParameterError.asSpecError { try Self.parameters(p) }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let parameters = try StageParameterError.asSpecError { try Self.parameters(p) }
        var summary: BlockAggregation.Summary?
        let file = try context.writeOutput(p["output"]?.description ?? "resampled.tif") { temporary in
            summary = try StageParameterError.asSpecError { try Self.run(parameters, output: temporary) }
        }
        let s = summary!
        return JobResult(values: ["width": .number(Double(s.outputWidth)), "height": .number(Double(s.outputHeight)),
                                  "bands": .number(Double(s.bands)),
                                  "n_cells": .number(Double(s.outputWidth) * Double(s.outputHeight))],
                         outputs: [file])
    }
}
