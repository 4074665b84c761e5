import Erosion
import Foundation
import GeoSupport
import Raster

/// Terrain derivation and its output rasters, shared by `erosion derive`, `erosion run` and the
/// `erosion-scenario` job kind.
public enum TerrainBuilder {
    /// Derives the terrain of `input` on `jobs` threads; `progress` gets (stage name, fraction 0…1) as in
    /// `Terrain.init`. Slope, aspect, LS and USPED use `slopeSource` (default: the input DEM). Errors name the DEM file.
    public static func derive(_ input: DEMInput, routing: TerrainOptions.Routing, fill: FillMethod = .priorityFlood,
                              slopeSource: TerrainOptions.SlopeSource = .input,
                              jobs: Int, progress: (@Sendable (String, Double) -> Void)? = nil) throws -> Terrain {
        do {
            return try Terrain(dem: input.grid, geometry: input.geometry,
                               options: TerrainOptions(fill: fill, routing: routing, slopeSource: slopeSource, jobs: jobs),
                               progress: progress)
        } catch {
            throw OperationError("\(input.path): \(error)")
        }
    }

    /// The files `write` creates in the output directory, in the order it writes them.
    public static let fileNames = ["filled.tif", "flowdir.tif", "accumulation.tif", "contributing_area.tif", "slope.tif",
                                   "aspect.tif", "ls.tif"]

    /// Writes the terrain layers (`fileNames`; each atomically, up to `jobs` files at a time) with provenance metadata.
    public static func write(_ t: Terrain, input: DEMInput, to dir: String, jobs: Int) throws {
        var meta = Provenance.metadata(inputs: [input.path])
        meta["EROSION_OPTIONS"] = "fill=\(t.options.fill.rawValue) routing=\(t.options.routing.rawValue) border=\(t.options.border.rawValue) slope-source=\(t.options.slopeSource.rawValue)"
        meta["EROSION_CELL_SIZE_M"] = "\(t.geometry.dx) \(t.geometry.dy)" + (t.geometry.isUniform ? "" : " (centre row; sizes vary by row)")
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
        do { _ = try WorkerThreads.map(count: writers.count, jobs: jobs) { try writers[$0]() } } catch { throw OperationError("\(error)") }
    }

    /// DEFLATE at level 1: outputs are large intermediate grids; speed matters more than size.
    public static let fast = ["ZLEVEL": "1"]
}
