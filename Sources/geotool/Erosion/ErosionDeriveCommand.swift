import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Erosion
import Operations

/// `geotool erosion derive DEM --out DIR`: fill, flow directions, accumulation, slope, aspect, LS.
struct ErosionDeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive hydrological terrain layers from a DEM (GeoTIFFs in DIR).",
        discussion: """
        Writes filled.tif (Float64 m), flowdir.tif (UInt8 ESRI D8 codes 1 E … 128 NE, 0 none, 255 nodata; border \
        cells without a lower neighbour drain off the grid), accumulation.tif (Float64 cells, incl. the cell itself), \
        contributing_area.tif (Float64 m²), slope.tif (Float32 degrees, Horn), aspect.tif (Float32 degrees from \
        north, −1 flat) and ls.tif (Float32 RUSLE LS, Desmet & Govers). Routing uses the filled DEM; slope, aspect \
        and LS use the input DEM by default (slope.tif and aspect.tif equal `gdaldem slope/aspect -compute_edges` \
        on the DEM, and filled depressions keep their real slopes, where USPED shows deposition); \
        --slope-source filled computes them on the filled DEM instead (filled depressions flat). Geographic DEMs are \
        converted to metres per row (each row at its own latitude); non-square pixels are handled (dx, dy separately).
        """)

    @Argument(help: "Input DEM (any GDAL raster with a CRS; elevations in metres).")
    var dem: String

    @OptionGroup var outputDirectory: OutputDirectoryOption

    @Option(help: "Flow routing for accumulation and LS: d8 or mfd (Freeman 1991, p = 1.1).")
    var routing: TerrainOptions.Routing = .d8

    @Option(help: "Depression conditioning: priority-flood (fill, + flat resolution), epsilon, or breach (Lindsay 2016 least-cost breaching within 100 cells, then fill the rest; changes far fewer cells).")
    var fill: FillMethod = .priorityFlood

    @Option(help: "Surface for slope, aspect and LS: input (the DEM, as gdaldem) or filled (the conditioned DEM).")
    var slopeSource: TerrainOptions.SlopeSource = .input

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    func run() throws {
        let out = outputDirectory.path
        try OutputGuard.check(inputs: [dem], outputs: PlannedOutput.files(TerrainBuilder.fileNames, in: out))
        let timer = StageTimer()
        timer.start("read")
        // GDAL's block cache (5 % of RAM by default) would hold whole output rasters: written once, keep it small.
        GDALConfiguration.setCacheMaxMegabytes(4)
        var input = try DEMInput(path: dem)
        Console.error("erosion derive: \(dem) \(input.width)×\(input.height), \(input.geometryNote)")
        try ErosionOutput.makeDirectory(out)
        // Takes the elevations (filled in place) and leaves out the scenario-only USPED terms: Terrain's memory budget.
        let terrain = try TerrainBuilder.derive(taking: &input, routing: routing, fill: fill, slopeSource: slopeSource,
                                                precomputeUSPED: false, jobs: workers.count,
                                                progress: terrainProgress("erosion derive", timer: timer))
        timer.start("write")
        try TerrainBuilder.write(terrain, input: input, to: out, jobs: workers.count)
        timer.stop()
        Console.error("erosion derive: wrote 7 rasters to \(out)")
        Console.error("erosion derive timings: \(timer.summary)")
    }
}

extension TerrainOptions.Routing: ExpressibleByArgument {}
extension FillMethod: ExpressibleByArgument {}
extension TerrainOptions.SlopeSource: ExpressibleByArgument {}
