import ArgumentParser
import Ecostress
import Foundation
import GeoSupport
import Operations
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

    /// `--table-output`: the rows as points (at the input coordinates, in --points-crs) in a database table.
    @OptionGroup var tableOutput: TableOutputOptions

    typealias Interpolation = ExtractOperation.Interpolation
    typealias Statistic = ExtractOperation.Statistic
    typealias Layout = ExtractWriter.Layout

    func validate() throws {
        if interp == .bilinear && stat != .none {
            throw ValidationError("choose either --interp bilinear or --stat \(stat.rawValue), not both")
        }
        if band != "all" && (Int(band) ?? 0) < 1 { throw ValidationError("--band must be a band number ≥ 1 or 'all'") }
    }

    /// The `extract` stage's parameters these options describe, one to one.
    func parameters() throws -> ExtractOperation.Parameters {
        var p = ExtractOperation.Parameters(points: points, rasters: rasters)
        (p.xColumn, p.yColumn, p.idColumn, p.pointsCRS) = (xCol, yCol, idCol, pointsCRS)
        p.bands = band == "all" ? nil : [Int(band)!]
        (p.interpolation, p.statistic, p.layout) = (interp, stat, format)
        p.mask = try masks.makeMask()
        p.workers = workers.count
        return p
    }

    func run() throws {
        let parameters = try self.parameters()
        if let output { try OutputGuard.check(inputs: parameters.inputFiles, outputs: [output]) }
        try tableOutput.check(defaultTable: "extract")
        // With --table-output and no -o, the rows go to a temporary CSV (not stdout) that the table is read from.
        let scratch = output == nil && tableOutput.destination != nil
            ? TemporaryName.forOutput(NSTemporaryDirectory() + "extract.csv") : nil
        defer { if let scratch { try? FileManager.default.removeItem(atPath: scratch) } }
        let csvPath = output ?? scratch
        let csv = try csvPath.map { try CSVWriter(path: $0) } ?? CSVWriter(standardOutput: ())
        do {
            try ExtractOperation.run(parameters, to: csv)
            try csv.commit()
        } catch {
            csv.discard()
            throw error
        }
        if let csvPath {
            try tableOutput.write(try ResultTables.points(csvPath: csvPath, xColumn: xCol, yColumn: yCol, crs: pointsCRS),
                                  defaultTable: "extract", metadata: Provenance.metadata(inputs: parameters.inputFiles))
        }
    }
}

extension ExtractOperation.Interpolation: ExpressibleByArgument {}
extension ExtractOperation.Statistic: ExpressibleByArgument {}
extension ExtractWriter.Layout: ExpressibleByArgument {}
