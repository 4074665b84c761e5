import Foundation
import GeoSupport
import Raster

/// Reprojection of rasters with GDAL's warper (`GDALWarp` with a gdalwarp-style option list, so
/// results are identical to `gdalwarp` with the same options). Files are processed in parallel,
/// each on its own thread with its own dataset handles; nodata/NaN are carried through (the
/// source nodata becomes the destination nodata, as gdalwarp does). Outputs are written under a
/// temporary name and renamed when complete; an existing output is skipped unless `overwrite` is
/// set when it is complete (`CompleteOutput`: it reads to its last block and carries geotool's
/// provenance marker — so `metadata` must hold `CompleteOutput.marker` for re-runs to skip), and
/// redone otherwise (zero-byte, truncated, or written by another program).
public struct Reprojection: Sendable {
    /// Target CRS in any form `SpatialReference` accepts (EPSG:xxxx, WKT, PROJJSON, PROJ string).
    public var targetSRS: String
    /// Output pixel size in target CRS units; nil lets GDAL choose (as gdalwarp does).
    public var resolution: (x: Double, y: Double)?
    public var resampling: ResamplingMethod = .nearest
    public var format: OutputFormat = .gtiff
    /// Creation options merged over the format's defaults.
    public var creationOptions: [String: String] = [:]
    /// Files processed at once.
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// GDAL's warp memory per file in MB (gdalwarp `-wm`): outputs whose source and destination
    /// buffers fit are warped in one chunk (GDAL's default, 64 MB, splits anything over ~3000²
    /// into chunks, each with its own resampling scale); at most this much is held per file.
    public var warpMemoryMB = 1024
    public var overwrite = false
    /// Extra metadata written to every output (e.g. provenance).
    public var metadata: [String: String] = [:]
    /// Bilinear warps of one-band Float32 rasters with a nodata value run geotool's own kernel
    /// (`BilinearWarp`: bit-identical to gdalwarp, several times faster) where it applies; false
    /// always runs GDAL's warper.
    public var nativeBilinear = true

    public init(targetSRS: String) { self.targetSRS = targetSRS }

    /// What happened to one file.
    public enum Outcome: Sendable {
        case written
        case skipped      // a complete output already existed (`CompleteOutput.isCompleteRaster`)
        case failed(String)
    }

    /// Reprojects `inputs[i]` to `outputs[i]` for every i, `workers` files at a time.
    /// Per-file errors are returned, not thrown, so one bad file does not stop the others;
    /// a bad target SRS throws before any work starts.
    public func run(inputs: [String], outputs: [String],
                    progress: (@Sendable (Int, Outcome) -> Void)? = nil) throws -> [Outcome] {
        precondition(inputs.count == outputs.count, "one output per input")
        let targetWKT = try SpatialReference(targetSRS).wkt
        return try WorkerThreads.map(count: inputs.count, jobs: workers) { i -> Outcome in
            let outcome: Outcome
            if !overwrite && CompleteOutput.isCompleteRaster(outputs[i]) {
                outcome = .skipped
            } else {
                do {
                    try reproject(input: inputs[i], output: outputs[i], targetWKT: targetWKT,
                                  threads: max(1, workers / inputs.count))
                    outcome = .written
                } catch {
                    outcome = .failed("\(error)")
                }
            }
            progress?(i, outcome)
            return outcome
        }
    }

    /// Reprojects one file (on the calling thread).
    public func reproject(input: String, output: String) throws {
        try reproject(input: input, output: output, targetWKT: try SpatialReference(targetSRS).wkt, threads: max(1, workers))
    }

    /// The gdalwarp arguments this reprojection uses for a source whose pixels are `dataType`
    /// (tests run `gdalwarp` with the same ones). Creation options: `outputCreationOptions` (the
    /// input's compression unless `creationOptions` name one; for floating-point data
    /// `FastCompression`'s predictor and DEFLATE level 1 — lossless: the pixels are what gdalwarp
    /// writes with its own defaults).
    public func gdalwarpArguments(targetWKT: String, dataType: RasterDataType? = nil, input: Dataset? = nil) -> [String] {
        var args = ["-t_srs", targetWKT, "-r", resampling.rawValue, "-of", format.rawValue, "-wm", "\(warpMemoryMB)"]
        if let r = resolution { args += ["-tr", "\(r.x)", "\(r.y)"] }
        for (k, v) in outputCreationOptions(dataType: dataType, input: input).sorted(by: { $0.key < $1.key }) {
            args += ["-co", "\(k)=\(v)"]
        }
        return args
    }

    /// The creation options of an output whose pixels are `dataType`: `creationOptions` completed by
    /// `FastCompression` (the compression of `input` unless they name one, the predictor/level rules),
    /// over the format's defaults.
    func outputCreationOptions(dataType: RasterDataType?, input: Dataset? = nil) -> [String: String] {
        format.defaultCreationOptions.merging(
            FastCompression.options(creationOptions, format: format, dataType: dataType, inheritingFrom: input)) { $1 }
    }

    /// `threads`: for geotool's own kernel, threads sharing this file's rows (fewer files than
    /// workers leaves the rest of the workers to them).
    private func reproject(input: String, output: String, targetWKT: String, threads: Int) throws {
        let source = try Dataset.open(input, openOptions: ["OVERVIEW_LEVEL": "NONE"])
        guard source.crsWKT != nil else {
            throw ResampleError.invalidInput(path: input, "has no CRS; cannot reproject (assign one with gdal_edit.py -a_srs)")
        }
        guard source.geoTransform != nil else {
            throw ResampleError.invalidInput(path: input, "has no geotransform; cannot reproject")
        }
        let dataType = source.bandCount > 0 ? try source.band(1).dataType : nil
        let args = gdalwarpArguments(targetWKT: targetWKT, dataType: dataType, input: source)
        let native = nativeBilinear && resampling == .bilinear && format == .gtiff
            ? try BilinearWarp.plan(source: source, targetSRS: targetWKT, arguments: args) : nil
        try AtomicFile.write(to: output) { tmp in
            if let native {
                try native.write(to: tmp, creationOptions: outputCreationOptions(dataType: dataType, input: source),
                                 threads: threads)
            } else {
                try Dataset.warp(source, to: tmp, arguments: args)
            }
            if !metadata.isEmpty {
                let out = try Dataset.open(tmp, access: .update)
                for (k, v) in metadata.sorted(by: { $0.key < $1.key }) { try out.setMetadataItem(k, v) }
                try out.close()
            }
        }
    }
}
