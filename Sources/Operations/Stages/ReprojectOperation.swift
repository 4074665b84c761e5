import Batch
import Foundation
import GeoSupport
import Raster
import Resample

/// `reproject`: GDAL-warper reprojection (pixels identical to `gdalwarp` with the same options; bilinear
/// Float32 warps through geotool's bit-identical kernel) — the stage behind `geotool reproject` and the
/// `reproject` job kind, declared once. The CLI warps many files at a time; a job warps one (its unit of work).
///
/// Parameters (the CLI's flags map one to one: `--t-srs` → `t_srs`, `--tr X Y` → `tr_x`, `tr_y`, `-r` → `r`,
/// `--of`, `-co`, `--gdal-kernel` → `gdal_kernel`): see `schema`. The job writes `output` (default: the input's
/// file name) in its output directory and reports `width`, `height` and `n_cells`.
public struct ReprojectOperation: JobRunner {
    public static let kindName = "reproject"
    public let kind = ReprojectOperation.kindName
    /// The output is named after the input (every output is in `${stage.outputs}`).
    public let products = KindProducts(outputs: [], results: ["width", "height", "n_cells"])

    /// What a reprojection does, typed: the CLI and the job kind both build one and call `reprojection`.
    public struct Parameters: Sendable {
        /// Target CRS: EPSG:xxxx, WKT, PROJJSON or a PROJ string.
        public var targetSRS: String
        /// Output pixel size in target CRS units; nil: GDAL's choice.
        public var resolution: (x: Double, y: Double)?
        public var resampling = ResamplingMethod.nearest
        public var output = RasterOutputParameters()
        /// Force GDAL's warp kernel instead of geotool's bilinear one.
        public var gdalKernel = false
        /// Worker threads (files at a time, or threads of one warp).
        public var workers = 1
        /// Rewrite complete outputs instead of skipping them (files in place; a job always writes).
        public var overwrite = false

        public init(targetSRS: String) { self.targetSRS = targetSRS }
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("input", .inputFile, required: true, help: "the raster to reproject"),
        ParameterDeclaration("output", .outputFileName(suffix: ".tif"),
                             help: "file name of the output in the job's output directory (default: the input's file name)"),
        ParameterDeclaration("t_srs", .text, required: true, help: "target CRS (EPSG:xxxx, WKT, PROJJSON or PROJ string)"),
        ParameterDeclaration("tr_x", .number(), help: "output pixel width in target CRS units (with tr_y)"),
        ParameterDeclaration("tr_y", .number(), help: "output pixel height in target CRS units (with tr_x)"),
        ParameterDeclaration("r", .choice(["nearest"] + ResamplingMethod.allCases.map(\.rawValue)), default: "nearest",
                             help: "resampling kernel, as gdalwarp -r"),
        ParameterDeclaration("gdal_kernel", .flag, default: 0, help: "always use GDAL's warp kernel"),
    ] + RasterOutputParameters.declarations)

    /// The kind, stateless.
    public init() {}

    /// The configured warp of `parameters` for files read from `inputs` (provenance); a bad value is a
    /// `StageParameterError` naming its key.
    public static func reprojection(_ parameters: Parameters, inputs: [String]) throws -> Reprojection {
        var job = Reprojection(targetSRS: parameters.targetSRS)
        do { _ = try SpatialReference(parameters.targetSRS) } catch {
            throw StageParameterError("t_srs", "\(error)")
        }
        if let r = parameters.resolution {
            guard r.x > 0, r.y > 0, r.x.isFinite, r.y.isFinite else {
                throw StageParameterError("tr_x", "takes two positive values (x, y), got \(r.x) \(r.y)")
            }
            job.resolution = r
        }
        job.resampling = parameters.resampling
        job.format = parameters.output.format
        job.creationOptions = parameters.output.creationOptions
        job.workers = max(1, parameters.workers)
        job.overwrite = parameters.overwrite
        job.nativeBilinear = !parameters.gdalKernel
        job.metadata = Provenance.metadata(inputs: inputs)
        return job
    }

    /// The typed parameters of a job; errors name the key.
    public static func parameters(_ p: JobParameters) throws -> Parameters {
        let a = StageArguments(p)
        var parameters = Parameters(targetSRS: a.text("t_srs") ?? "")
        parameters.resolution = try a.pair("tr_x", "tr_y")
        let r = a.text("r") ?? "nearest"
        guard let method = ResamplingMethod(name: r) else { throw StageParameterError("r", "unknown resampling '\(r)'") }
        parameters.resampling = method
        parameters.output = try RasterOutputParameters.read(a)
        parameters.gdalKernel = a.flag("gdal_kernel")
        return parameters
    }

    public func validate(parameters p: JobParameters) throws {
        _ = try StageParameterError.asSpecError { try Self.reprojection(try Self.parameters(p), inputs: []) }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let input = p["input"]?.description ?? ""
        let job = try StageParameterError.asSpecError { try Self.reprojection(try Self.parameters(p), inputs: [input]) }
        let name = p["output"]?.description ?? (input as NSString).lastPathComponent
        let file = try context.writeOutput(name) { try job.reproject(input: input, output: $0) }
        let ds = try Dataset.open(file)
        return JobResult(values: ["width": .number(Double(ds.width)), "height": .number(Double(ds.height)),
                                  "n_cells": .number(Double(ds.width) * Double(ds.height))],
                         outputs: [file])
    }
}
