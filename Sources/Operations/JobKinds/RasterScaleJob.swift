import Batch
import GeoSupport
import Grid
import Raster

/// `raster-scale`: writes `scaled.tif` = raster · `scale` + `offset` (nodata kept) and reports the
/// output's mean, min and max. The input grid is read once per worker (`context.cache`), as a
/// scenario kind would cache a DEM's terrain derivation.
public struct RasterScaleJob: JobRunner {
    public let kind = "raster-scale"
    public let products = KindProducts(outputs: ["scaled"], results: ["mean", "min", "max"])
    public let schema = ParameterSchema([
        ParameterDeclaration("raster", .inputFile, required: true, help: "the raster (any GDAL format)"),
        ParameterDeclaration("scale", .number(), default: 1, help: "multiplier"),
        ParameterDeclaration("offset", .number(), default: 0, help: "added after scaling"),
    ])

    /// A grid and its georeference, cached per worker.
    private struct Input: Sendable {
        let grid: Grid<Double>
        let georeference: Georeference
    }

    /// The kind, stateless.
    public init() {}

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let path = p["raster"]?.description ?? ""
        let input = try context.cache.value(for: "raster-scale:\(path)") { () throws -> Input in
            let (g, geo) = try RasterFile.read(path, as: Double.self)
            return Input(grid: g, georeference: geo)
        }
        try context.checkCancelled()
        let scale = p["scale"]?.doubleValue ?? 1, offset = p["offset"]?.doubleValue ?? 0
        let out = input.grid.map(nodata: input.grid.nodata) { v in input.grid.isValidValue(v) ? v * scale + offset : v }
        var stats = PixelStatistics()
        for v in out.values where out.isValidValue(v) { stats.add(v) }
        let file = try context.writeOutput("scaled.tif") { tmp in
            try RasterFile.write(out, to: tmp, georeference: input.georeference)
        }
        return JobResult(values: ["mean": .number(stats.mean), "min": .number(stats.minimum), "max": .number(stats.maximum)],
                         outputs: [file])
    }
}
