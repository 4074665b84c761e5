import Batch
import GeoSupport
import Raster

/// `raster-stats`: exact statistics of band `band` (default 1) of raster `raster` — count of valid
/// and invalid pixels, min, max, mean, std — e.g. a batch over many files given as a `list`.
public struct RasterStatsJob: JobRunner {
    public let kind = "raster-stats"
    public let products = KindProducts(results: ["valid", "invalid", "min", "max", "mean", "std"])
    public let schema = ParameterSchema([
        ParameterDeclaration("raster", .inputFile, required: true, help: "the raster (any GDAL format)"),
        ParameterDeclaration("band", .integer(1...65_535), default: 1, help: "band number (1-based)"),
    ])

    /// The kind, stateless.
    public init() {}

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let path = p["raster"]?.description ?? ""
        let band = try Dataset.open(path).band(Int(p["band"]?.doubleValue ?? 1))
        let s = try band.statistics()
        return JobResult(values: ["valid": .number(Double(s.validCount)), "invalid": .number(Double(s.invalidCount)),
                                  "min": .number(s.minimum), "max": .number(s.maximum), "mean": .number(s.mean),
                                  "std": .number(s.standardDeviation)])
    }
}
