import Erosion
import Foundation
import GeoSupport
import Grid
import Raster

/// Terrain derivation and its output rasters, shared by `erosion derive`, `erosion run` and the
/// `erosion-scenario` job kind.
public enum TerrainBuilder {
    /// Derives the terrain of `input` on `jobs` threads; `progress` gets (stage name, fraction 0…1) as in
    /// `Terrain.init`. Slope, aspect, LS and USPED use `slopeSource` (default: the input DEM). Errors name the DEM file.
    public static func derive(_ input: DEMInput, routing: TerrainOptions.Routing, fill: FillMethod = .priorityFlood,
                              slopeSource: TerrainOptions.SlopeSource = .input,
                              jobs: Int, progress: (@Sendable (String, Double) -> Void)? = nil) throws -> Terrain {
        var copy = input
        return try derive(taking: &copy, routing: routing, fill: fill, slopeSource: slopeSource, jobs: jobs, progress: progress)
    }

    /// `derive`, taking the elevations out of `input` (its `grid` is left empty) so that they are filled in place:
    /// the memory-lean path (`Terrain`'s budget). `precomputeUSPED: false` leaves out the scenario-only USPED
    /// terms (12 B/cell) when only the terrain layers are written.
    public static func derive(taking input: inout DEMInput, routing: TerrainOptions.Routing, fill: FillMethod = .priorityFlood,
                              slopeSource: TerrainOptions.SlopeSource = .input, precomputeUSPED: Bool = true,
                              jobs: Int, progress: (@Sendable (String, Double) -> Void)? = nil) throws -> Terrain {
        let path = input.path, geometry = input.geometry
        var grid = input.takeGrid()
        do {
            return try Terrain(taking: &grid, geometry: geometry,
                               options: TerrainOptions(fill: fill, routing: routing, slopeSource: slopeSource,
                                                       precomputeUSPED: precomputeUSPED, jobs: jobs),
                               progress: progress)
        } catch {
            throw OperationError("\(path): \(error)")
        }
    }

    /// The files `write` creates in the output directory, in the order it writes them.
    public static let fileNames = ["filled.tif", "flowdir.tif", "accumulation.tif", "contributing_area.tif", "slope.tif",
                                   "aspect.tif", "ls.tif"]

    /// Writes the terrain layers (`fileNames`; each atomically) with provenance metadata: one file at a time
    /// (bounded memory: no two layers' buffers and compressors at once), each compressed on `jobs` of GDAL's
    /// threads (`NUM_THREADS`).
    public static func write(_ t: Terrain, input: DEMInput, to dir: String, jobs: Int) throws {
        let fast = Self.fast.merging(["NUM_THREADS": "\(max(1, jobs))"]) { $1 }
        var meta = Provenance.metadata(inputs: [input.path])
        meta["EROSION_OPTIONS"] = "fill=\(t.options.fill.rawValue) routing=\(t.options.routing.rawValue) border=\(t.options.border.rawValue) slope-source=\(t.options.slopeSource.rawValue)"
        meta["EROSION_CELL_SIZE_M"] = "\(t.geometry.dx) \(t.geometry.dy)" + (t.geometry.isUniform ? "" : " (centre row; sizes vary by row)")
        let g = input.georeference
        let md = meta
        // Accumulation and contributing area are written in row blocks (no full-size Float64 copy of the
        // Float32 accumulation); the other layers straight from the terrain's storage.
        let layers: [@Sendable (String) throws -> Void] = [   // one per `fileNames` entry, same order
            { try RasterFile.write(t.filled, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.directions.codes, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try writeRows(t, to: $0, georeference: g, options: fast, metadata: md) { t.accumulation(rows: $0) } },
            { try writeRows(t, to: $0, georeference: g, options: fast, metadata: md) { t.contributingArea(rows: $0) } },
            { try RasterFile.write(t.slope, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.aspect, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(t.ls, to: $0, georeference: g, creationOptions: fast, metadata: md) },
        ]
        let writers = zip(fileNames, layers).map { name, layer -> @Sendable () throws -> Void in
            let path = (dir as NSString).appendingPathComponent(name)
            return { try layer(path) }
        }
        do { for write in writers { try write() } } catch { throw OperationError("\(error)") }
    }

    /// Writes a Float64 layer (nodata −1) produced `rows` at a time by `values`, atomically.
    static func writeRows(_ t: Terrain, to path: String, georeference: Georeference, options: [String: String],
                          metadata: [String: String], _ values: (Range<Int>) -> [Double]) throws {
        let out = try RasterOutput(path: path, width: t.width, height: t.height, dataType: .float64,
                                   georeference: georeference, creationOptions: options)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { try out.dataset.setMetadataItem(key, value) }
        let band = try out.dataset.band(1)
        try band.setNodata(FlowAccumulation.nodata)
        let block = max(1, (1 << 18) / max(1, t.width))    // ~2 MB of Float64 per block
        for start in stride(from: 0, to: t.height, by: block) {
            let rows = start ..< min(t.height, start + block)
            let v = values(rows)
            try v.withUnsafeBufferPointer { try band.write($0, window: Window(col: 0, row: start, width: t.width, height: rows.count)) }
        }
        try out.commit()
    }

    /// DEFLATE at level 1: outputs are large intermediate grids; speed matters more than size.
    public static let fast = ["ZLEVEL": "1"]
}
