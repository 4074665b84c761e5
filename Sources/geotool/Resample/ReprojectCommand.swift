import ArgumentParser
import Foundation
import GeoSupport
import Raster
import Resample
import Operations

/// `geotool reproject IN…`: GDAL-warper reprojection of many files in parallel.
struct ReprojectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproject",
        abstract: "Reproject rasters with GDAL's warper, files in parallel; complete outputs are skipped on re-runs.",
        discussion: """
            Pixels are identical to gdalwarp with the same options. Output is tiled DEFLATE; floating-point \
            rasters are written with the floating-point predictor at DEFLATE level 1 (PREDICTOR=3 ZLEVEL=1: \
            lossless, smaller and faster to write than gdalwarp's plain DEFLATE 6); -co PREDICTOR=/ZLEVEL= override.
            """)

    @Argument(help: "Input rasters.") var inputs: [String]
    @Option(name: .customLong("t-srs"), help: "Target CRS (EPSG:xxxx, WKT, PROJJSON or PROJ string).")
    var targetSRS: String
    @Option(name: .customLong("tr"), parsing: .upToNextOption,
            help: ArgumentHelp("Output pixel size in target CRS units.", valueName: "XRES YRES"))
    var targetResolution: [Double] = []
    @Option(name: [.customShort("r"), .long],
            help: "nearest, bilinear, cubic, cubicspline, lanczos, average, mode, min, max or med.")
    var resampling: String = "nearest"
    @Option(help: "Output directory (outputs keep the input file names).") var outDir: String?
    @Option(name: .shortAndLong, help: "Output file (one input only).") var output: String?
    @OptionGroup var outputOptions: RasterOutputOptions
    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>
    @Flag(help: "Rewrite outputs that already exist.") var overwrite = false
    @Flag(help: "Always use GDAL's warp kernel (bilinear Float32 warps otherwise run geotool's bit-identical, faster one).")
    var gdalKernel = false

    func run() throws {
        guard let method = ResamplingMethod(name: resampling) else {
            throw CLIError("-r: unknown resampling '\(resampling)'")
        }
        let outputs = try outputPaths()
        try OutputGuard.check(inputs: inputs, outputs: outputs)
        var parameters = ReprojectOperation.Parameters(targetSRS: targetSRS)
        if !targetResolution.isEmpty {
            guard targetResolution.count == 2, targetResolution.allSatisfy({ $0 > 0 }) else {
                throw CLIError("--tr takes two positive values: XRES YRES")
            }
            parameters.resolution = (targetResolution[0], targetResolution[1])
        }
        parameters.resampling = method
        parameters.output = RasterOutputParameters(format: try outputOptions.outputFormat(),
                                                   creationOptions: try outputOptions.creationOptionDictionary())
        parameters.workers = workers.count
        parameters.overwrite = overwrite
        parameters.gdalKernel = gdalKernel
        let job: Reprojection
        do { job = try ReprojectOperation.reprojection(parameters, inputs: inputs) } catch let e as StageParameterError {
            throw CLIError("\(Self.flags[e.key] ?? e.key): \(e.message)")
        }
        let total = inputs.count
        let done = AtomicCounter()
        let outcomes = try job.run(inputs: inputs, outputs: outputs) { i, outcome in
            let n = done.increment() + 1
            switch outcome {
            case .written: Console.error("reproject [\(n)/\(total)] \(outputs[i])")
            case .skipped: Console.error("reproject [\(n)/\(total)] \(outputs[i]) exists, skipped")
            case .failed(let message): Console.failure(CLIError(message), in: Self.self)
            }
        }
        let failed = outcomes.filter { if case .failed = $0 { return true } else { return false } }.count
        if failed > 0 {
            Console.failure(CLIError("\(failed) of \(total) file(s) failed"), in: Self.self)
            throw ExitCode.failure
        }
    }

    /// The option that sets each parameter of the `reproject` stage (library errors name the parameter).
    static let flags = ["t_srs": "--t-srs", "tr_x": "--tr", "tr_y": "--tr", "r": "-r", "of": "--of", "co": "-co"]

    private func outputPaths() throws -> [String] {
        switch (outDir, output) {
        case (let dir?, nil):
            var isDir: ObjCBool = false
            if !FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            } else if !isDir.boolValue {
                throw CLIError("--out-dir \(dir) is not a directory")
            }
            let names = inputs.map { ($0 as NSString).lastPathComponent }
            guard Set(names).count == names.count else {
                throw CLIError("inputs share file names; they would overwrite each other in --out-dir")
            }
            return names.map { (dir as NSString).appendingPathComponent($0) }
        case (nil, let out?):
            guard inputs.count == 1 else { throw CLIError("-o takes one input; use --out-dir for several") }
            return [out]
        default:
            throw CLIError("give either --out-dir DIR or -o OUT")
        }
    }
}

