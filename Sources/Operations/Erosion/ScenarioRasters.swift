import Erosion
import Raster

/// The rasters of one evaluated erosion scenario — soil loss (t/ha/yr), USPED net deposition, risk classes —
/// declared once for `erosion run` (`<scenario>_soil_loss.tif` …) and the `erosion-scenario` job kind
/// (`soil_loss.tif` … in the job's output directory).
public enum ScenarioRasters {
    /// File names of the rasters, in writing order.
    public static let names = ["soil_loss.tif", "usped.tif", "risk.tif"]

    /// `names` prefixed by `<scenario>_` (the scenario name is a checked file-name component).
    public static func fileNames(scenario name: String) -> [String] { names.map { "\(name)_\($0)" } }

    /// One writer per entry of `names`, same order: each writes its raster (DEFLATE level 1) to the path given.
    public static func writers(_ r: ScenarioResult, georeference g: Georeference,
                               metadata md: [String: String]) -> [(String) throws -> Void] {
        let fast = TerrainBuilder.fast
        return [
            { try RasterFile.write(r.soilLoss, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(r.netDeposition, to: $0, georeference: g, creationOptions: fast, metadata: md) },
            { try RasterFile.write(r.riskClass, to: $0, georeference: g, creationOptions: fast, metadata: md) },
        ]
    }
}
