import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Erosion

/// `geotool erosion derive DEM --out DIR`: fill, flow directions, accumulation, slope, aspect, LS.
struct ErosionDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive hydrological terrain layers from a DEM (GeoTIFFs in DIR).",
        discussion: """
        Writes filled.tif (Float64 m), flowdir.tif (UInt8 ESRI D8 codes 1 E … 128 NE, 0 none, 255 nodata; border \
        cells without a lower neighbour drain off the grid), accumulation.tif (Float64 cells, incl. the cell itself), \
        contributing_area.tif (Float64 m²), slope.tif (Float32 degrees, Horn), aspect.tif (Float32 degrees from \
        north, −1 flat) and ls.tif (Float32 RUSLE LS, Desmet & Govers). Geographic DEMs are converted to metres at \
        the centre latitude; non-square pixels are handled (dx, dy separately).
        """)

    @Argument(help: "Input DEM (any GDAL raster with a CRS; elevations in metres).")
    var dem: String

    @Option(help: "Output directory (created if missing).")
    var out: String

    @Option(help: "Flow routing for accumulation and LS: d8 or mfd (Freeman 1991, p = 1.1).")
    var routing: TerrainOptions.Routing = .d8

    @Option(help: "Depression filling: priority-flood (+ flat resolution) or epsilon.")
    var fill: FillMethod = .priorityFlood

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    func run() throws {
        try OutputGuard.check(inputs: [dem], outputs: PlannedOutput.files(TerrainBuilder.fileNames, in: out))
        let timer = StageTimer()
        timer.start("read")
        let input = try DEMInput(path: dem)
        Console.error("erosion derive: \(dem) \(input.grid.width)×\(input.grid.height), \(input.geometryNote)")
        try ErosionOutput.makeDirectory(out)
        let terrain = try TerrainBuilder.derive(input, routing: routing, fill: fill, jobs: ErosionOutput.jobs(jobs), timer: timer)
        timer.start("write")
        try TerrainBuilder.write(terrain, input: input, to: out, jobs: ErosionOutput.jobs(jobs))
        timer.stop()
        Console.error("erosion derive: wrote 7 rasters to \(out)")
        Console.error("erosion derive timings: \(timer.summary)")
    }
}

extension TerrainOptions.Routing: ExpressibleByArgument {}
extension FillMethod: ExpressibleByArgument {}

/// Terrain derivation and output shared by `erosion derive` and `erosion run`.
enum TerrainBuilder {
    static func derive(_ input: DEMInput, routing: TerrainOptions.Routing, fill: FillMethod, jobs: Int,
                       timer: StageTimer? = nil) throws -> Terrain {
        let progress = Console.Progress("erosion derive")
        do {
            return try Terrain(dem: input.grid, geometry: input.geometry,
                               options: TerrainOptions(fill: fill, routing: routing, jobs: jobs),
                               progress: { stage, f in
                                   if stage == "done" { timer?.stop() } else { timer?.start(stage) }
                                   progress.update(f)
                               })
        } catch {
            throw CLIError("\(input.path): \(error)")
        }
    }

    /// The files `write` creates in the output directory, in the order it writes them.
    static let fileNames = ["filled.tif", "flowdir.tif", "accumulation.tif", "contributing_area.tif", "slope.tif",
                            "aspect.tif", "ls.tif"]

    /// Writes the terrain layers (`fileNames`; each atomically, up to `jobs` files at a time) with provenance metadata.
    static func write(_ t: Terrain, input: DEMInput, to dir: String, jobs: Int) throws {
        var meta = Provenance.metadata(inputs: [input.path])
        meta["EROSION_OPTIONS"] = "fill=\(t.options.fill.rawValue) routing=\(t.options.routing.rawValue) border=\(t.options.border.rawValue)"
        meta["EROSION_CELL_SIZE_M"] = "\(t.geometry.dx) \(t.geometry.dy)"
        let g = input.georeference
        let md = meta
        let layers: [@Sendable (String) throws -> Void] = [   // one per `fileNames` entry, same order
            { try RasterFile.write(t.filled, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.directions.codes, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.accumulation, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.contributingArea, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.slope, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.aspect, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.ls, to: $0, georeference: g, creationOptions: fast, metadata: md) },
        ]
        let writers = zip(fileNames, layers).map { name, layer -> @Sendable () throws -> Void in
            let path = (dir as NSString).appendingPathComponent(name)
            return { try layer(path) }
        }
        do { _ = try WorkerThreads.map(count: writers.count, jobs: jobs) { try writers[$0]() } } catch { throw CLIError("\(error)") }
    }

    /// DEFLATE at level 1: outputs are large intermediate grids; speed matters more than size.
    static let fast = ["ZLEVEL": "1"]
}
