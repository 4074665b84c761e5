import Batch
import Ecostress
import Foundation
import GeoSupport
import Raster

/// `extract`: raster values at points, to CSV (nearest = `gdallocationinfo -valonly`) — the stage behind
/// `geotool extract` and the `extract` job kind, declared once. Points are transformed once per raster CRS,
/// only the blocks holding points are read, each once, rasters on `workers` threads.
///
/// Parameters (the CLI's flags map one to one: `--points`, `--x-col` → `x_col`, `--y-col`, `--id-col`,
/// `--points-crs`, the raster arguments → `raster` / `raster_1`, `raster_2`, … / the list `rasters`, `--band`, `--interp`, `--stat`,
/// `--format`, the mask options): see `schema`. The job writes `output` (default `extract.csv`) and reports
/// `n_points`, `n_rasters`, `n_rows` and the count of each sample status (`n_ok`, `n_outside`, `n_nodata`,
/// `n_masked`).
public struct ExtractOperation: JobRunner {
    public static let kindName = "extract"
    public let kind = ExtractOperation.kindName
    /// What a workflow stage may refer to: the default output name and the result values.
    public let products = KindProducts(outputs: ["extract"], results: ["n_points", "n_rasters", "n_rows"] + SampleStatus.allCases.map { "n_\($0.rawValue)" })

    /// Point interpolation (`interp`).
    public enum Interpolation: String, CaseIterable, Sendable { case nearest, bilinear }
    /// Neighbourhood statistic instead of interpolation (`stat`).
    public enum Statistic: String, CaseIterable, Sendable { case none, mean3x3, median3x3 }

    /// What one extraction does, typed: the CLI and the job kind both build one and call `run`.
    public struct Parameters: Sendable {
        /// CSV file of points.
        public var points: String
        public var xColumn = "lon"
        public var yColumn = "lat"
        /// nil: `id` when present, else the 1-based row number.
        public var idColumn: String?
        /// CRS of the point coordinates.
        public var pointsCRS = "EPSG:4326"
        public var rasters: [String]
        /// Bands to sample (1-based); nil: all.
        public var bands: [Int]? = [1]
        public var interpolation = Interpolation.nearest
        public var statistic = Statistic.none
        public var layout = ExtractWriter.Layout.long
        public var mask = EcostressMask()
        /// Rasters sampled at a time (≥ 1).
        public var workers = 1

        public init(points: String, rasters: [String]) {
            self.points = points
            self.rasters = rasters
        }

        /// The sampling method of `interpolation` and `statistic`; both at once is an error naming `stat`.
        public func method() throws -> SamplingMethod {
            switch (statistic, interpolation) {
            case (.none, .nearest): return .nearest
            case (.none, .bilinear): return .bilinear
            case (_, .bilinear): throw StageParameterError("stat", "choose either interpolation bilinear or statistic \(statistic.rawValue), not both")
            case (.mean3x3, .nearest): return .mean3x3
            case (.median3x3, .nearest): return .median3x3
            }
        }

        /// Every file the extraction reads (points, rasters, mask companions), for `OutputGuard`.
        public var inputFiles: [String] { [points] + rasters + rasters.flatMap { mask.inputFiles(for: $0) } }
    }

    /// What an extraction wrote.
    public struct Summary: Sendable, Equatable {
        public var points = 0
        public var rasters = 0
        public var rows = 0
        /// Samples of each status, over every raster and band.
        public var statuses: [SampleStatus: Int] = [:]
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("points", .inputFile, required: true, help: "CSV file of points"),
        ParameterDeclaration("x_col", .text, default: "lon", help: "column holding x (longitude)"),
        ParameterDeclaration("y_col", .text, default: "lat", help: "column holding y (latitude)"),
        ParameterDeclaration("id_col", .text, help: "column holding the point id (default: id if present, else the row number)"),
        ParameterDeclaration("points_crs", .text, default: "EPSG:4326", help: "CRS of the point coordinates"),
        ParameterDeclaration("raster", .inputFile, help: "a raster to sample (or raster_1, raster_2, …)"),
        ParameterDeclaration("raster_", .inputFile, numbered: true, help: "rasters to sample, in order: raster_1, raster_2, …"),
        ParameterDeclaration("rasters", .list(of: .inputFile), help: "rasters to sample, as a list (e.g. a workflow fan-in of upstream outputs)"),
        ParameterDeclaration("band", .text, default: "1", help: "band to sample (1-based) or all"),
        ParameterDeclaration("interp", .choice(Interpolation.allCases.map(\.rawValue)), default: "nearest",
                             help: "interpolation (pixel-centre based)"),
        ParameterDeclaration("stat", .choice(Statistic.allCases.map(\.rawValue)), default: "none",
                             help: "neighbourhood statistic instead of interpolation"),
        ParameterDeclaration("format", .choice(ExtractWriter.Layout.allCases.map(\.rawValue)), default: "long",
                             help: "long: one row per point × raster × band; wide: one row per point"),
        ParameterDeclaration("output", .outputFileName(suffix: ".csv"), default: "extract.csv",
                             help: "file name of the CSV in the job's output directory"),
    ] + MaskParameters.declarations)

    /// The kind, stateless.
    public init() {}

    /// `band` as the bands to sample: a band number ≥ 1, or `all` (nil); errors name `band`.
    public static func bands(_ text: String) throws -> [Int]? {
        if text == "all" { return nil }
        guard let b = Int(text), b >= 1 else { throw StageParameterError("band", "must be a band number ≥ 1 or 'all'") }
        return [b]
    }

    /// Samples every raster at the points and writes the CSV rows to `csv` (the caller commits or discards it).
    /// Errors name the file, line and column, or the parameter (`StageParameterError`).
    @discardableResult
    public static func run(_ parameters: Parameters, to csv: CSVWriter) throws -> Summary {
        let method = try parameters.method()
        let table = try PointTable(path: parameters.points, xColumn: parameters.xColumn, yColumn: parameters.yColumn,
                                   idColumn: parameters.idColumn)
        let pointSet = try PointSet(xs: table.xs, ys: table.ys, crsDefinition: parameters.pointsCRS)
        let (files, bands, mask) = (parameters.rasters, parameters.bands, parameters.mask)
        let results = try WorkerThreads.map(count: files.count, jobs: max(1, parameters.workers)) { i in
            try extract(files[i], points: pointSet, bands: bands, method: method, mask: mask)
        }
        try ExtractWriter(points: table, results: results).write(parameters.layout, to: csv)
        var summary = Summary(points: table.count, rasters: files.count)
        for r in results {
            for statuses in r.samples.statuses {
                for s in statuses { summary.statuses[s, default: 0] += 1 }
            }
        }
        let samples = summary.statuses.values.reduce(0, +)
        summary.rows = parameters.layout == .long ? samples : table.count
        return summary
    }

    /// One raster, on the calling thread (opens its own Dataset).
    static func extract(_ path: String, points: PointSet, bands: [Int]?, method: SamplingMethod,
                        mask: EcostressMask) throws -> RasterExtraction {
        let ds = try Dataset.open(path)
        if let bands, let b = bands.first, b > ds.bandCount {
            throw RasterError(.invalidArgument, path: path, "band \(b) does not exist (the file has \(ds.bandCount))")
        }
        let sampler = try PointSampler(dataset: ds)
        let projected = try points.projected(to: ds.crsWKT, path: path)
        var samples = try sampler.sample(xs: projected.xs, ys: projected.ys, bands: bands, method: method)
        let name = try? EcostressFileName(path)
        var mask = mask
        if name == nil { (mask.qc, mask.layers) = (nil, []) }     // QC/layer masks apply to ECOSTRESS files only
        if !mask.isEmpty {
            samples.applyMask(try mask.pointFlags(for: path, pixels: samples.pixels, xs: projected.xs,
                                                  ys: projected.ys, crsWKT: ds.crsWKT))
        }
        return RasterExtraction(path: path, ecostress: name, samples: samples)
    }

    /// The typed parameters of a job; errors name the key.
    public static func parameters(_ p: JobParameters) throws -> Parameters {
        let a = StageArguments(p)
        let numbered = p.keys.compactMap { key -> (Int, String)? in
            guard key.hasPrefix("raster_"), let n = Int(key.dropFirst("raster_".count)), let path = a.text(key) else { return nil }
            return (n, path)
        }.sorted { $0.0 < $1.0 }.map(\.1)
        var listed: [String] = []
        if let values = p["rasters"]?.elements { listed = values.map(\.description) }
        let rasters = (a.text("raster").map { [$0] } ?? []) + numbered + listed
        guard !rasters.isEmpty else {
            throw StageParameterError("raster", "is required: the raster to sample (or raster_1, raster_2, …, or rasters)")
        }
        var parameters = Parameters(points: a.text("points") ?? "", rasters: rasters)
        parameters.xColumn = a.text("x_col") ?? "lon"
        parameters.yColumn = a.text("y_col") ?? "lat"
        parameters.idColumn = a.text("id_col")
        parameters.pointsCRS = a.text("points_crs") ?? "EPSG:4326"
        parameters.bands = try bands(a.text("band") ?? "1")
        parameters.interpolation = a.text("interp").flatMap(Interpolation.init(rawValue:)) ?? .nearest
        parameters.statistic = a.text("stat").flatMap(Statistic.init(rawValue:)) ?? .none
        parameters.layout = a.text("format").flatMap(ExtractWriter.Layout.init(rawValue:)) ?? .long
        parameters.mask = try MaskParameters.read(a)
        _ = try parameters.method()
        return parameters
    }

    public func validate(parameters p: JobParameters) throws {
        _ = try StageParameterError.asSpecError { try Self.parameters(p) }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let parameters = try StageParameterError.asSpecError { try Self.parameters(p) }
        var summary = Summary()
        let file = try context.writeOutput(p["output"]?.description ?? "extract.csv") { temporary in
            let csv = try CSVWriter(path: temporary)
            do {
                summary = try Self.run(parameters, to: csv)
                try csv.commit()
            } catch {
                csv.discard()
                throw error
            }
        }
        var values: [String: ParameterValue] = [
            "n_points": .number(Double(summary.points)), "n_rasters": .number(Double(summary.rasters)),
            "n_rows": .number(Double(summary.rows)),
        ]
        for s in SampleStatus.allCases { values["n_\(s.rawValue)"] = .number(Double(summary.statuses[s] ?? 0)) }
        return JobResult(values: values, outputs: [file])
    }
}
