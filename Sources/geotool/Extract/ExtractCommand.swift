import ArgumentParser
import Ecostress
import Foundation
import GeoSupport
import Raster

/// `geotool extract`: raster values at points, to CSV.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Sample rasters at points (CSV) and write the values to CSV, like gdallocationinfo for many points.",
        discussion: """
            Points are transformed once per raster CRS; only the blocks holding points are read, each once; \
            rasters are processed in parallel. Nearest follows GDAL (a point on a pixel corner belongs to the \
            pixel to its lower right). A point outside a raster, on nodata or masked gets an empty value and \
            the status outside / nodata / masked. ECOSTRESS file names add product, layer, date, year, doy, \
            time and tile columns (long format).
            """)

    @Option(help: ArgumentHelp("CSV file of points.", valueName: "csv"))
    var points: String

    @Option(name: .customLong("x-col"), help: "Column holding x (longitude).")
    var xCol = "lon"

    @Option(name: .customLong("y-col"), help: "Column holding y (latitude).")
    var yCol = "lat"

    @Option(name: .customLong("id-col"), help: "Column holding the point id (default: id if present, else the row number).")
    var idCol: String?

    @Option(name: .customLong("points-crs"), help: "CRS of the point coordinates (EPSG code, WKT, PROJ string).")
    var pointsCRS = "EPSG:4326"

    @Argument(help: "Rasters to sample.")
    var rasters: [String]

    @Option(help: ArgumentHelp("Band to sample (1-based) or 'all'.", valueName: "N|all"))
    var band = "1"

    @Option(help: "Interpolation: nearest or bilinear (pixel-centre based).")
    var interp: Interpolation = .nearest

    @Option(help: "Neighbourhood statistic instead of interpolation: none, mean3x3 or median3x3.")
    var stat: Statistic = .none

    @Option(help: "long: one row per point × raster × band; wide: one row per point.")
    var format: Layout = .long

    @Option(name: .shortAndLong, help: ArgumentHelp("Output CSV (default: standard output).", valueName: "csv"))
    var output: String?

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    @OptionGroup var masks: MaskOptions

    enum Interpolation: String, ExpressibleByArgument, CaseIterable { case nearest, bilinear }
    enum Statistic: String, ExpressibleByArgument, CaseIterable { case none, mean3x3, median3x3 }
    typealias Layout = ExtractWriter.Layout

    func validate() throws {
        if interp == .bilinear && stat != .none {
            throw ValidationError("choose either --interp bilinear or --stat \(stat.rawValue), not both")
        }
        if band != "all" && (Int(band) ?? 0) < 1 { throw ValidationError("--band must be a band number ≥ 1 or 'all'") }
    }

    var method: SamplingMethod {
        switch stat {
        case .mean3x3: return .mean3x3
        case .median3x3: return .median3x3
        case .none: return interp == .bilinear ? .bilinear : .nearest
        }
    }

    func run() throws {
        let mask = try masks.makeMask()
        if let output {
            let inputs = [points] + rasters + rasters.flatMap { mask.inputFiles(for: $0) }
            try OutputGuard.check(inputs: inputs, outputs: [output])
        }
        let table = try PointTable(path: points, xColumn: xCol, yColumn: yCol, idColumn: idCol)
        let pointSet = try PointSet(xs: table.xs, ys: table.ys, crsDefinition: pointsCRS)
        let bands = band == "all" ? nil : [Int(band)!]
        let (files, method) = (rasters, self.method)
        let results = try WorkerThreads.map(count: files.count, jobs: workers.count) { i in
            try Self.extract(files[i], points: pointSet, bands: bands, method: method, mask: mask)
        }
        let csv = try output.map { try CSVWriter(path: $0) } ?? CSVWriter(standardOutput: ())
        do {
            try ExtractWriter(points: table, results: results).write(format, to: csv)
            try csv.commit()
        } catch {
            csv.discard()
            throw error
        }
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
}
