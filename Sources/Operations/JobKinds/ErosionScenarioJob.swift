import Batch
import GeoSupport
import Erosion
import Foundation
import Grid
import Raster

/// `erosion-scenario`: one RUSLE/USPED scenario on a DEM — the job kind of erosion grids, sweeps and
/// Monte Carlo runs, and of the server's `simulations/parallel` shortcut.
///
/// Parameters (usually `dem` in `inputs` and the factors as grid/sweep/Monte Carlo parameters):
/// - `dem` (required): any GDAL DEM with a CRS, elevations in metres.
/// - `R`, `K`, `C`, `P`: factor values, a number or the path of a raster aligned with the DEM
///   (defaults: the TerraSim base R 500, K 0.03, C 0.2, P 1; units as in `Erosion.Factor`).
/// - `multiply_R`, `multiply_K`, `multiply_C`, `multiply_P`: multipliers (default 1), as the
///   `multiply:` of a scenario file.
/// - `name` (label, default `job<ID>`), `routing` (`d8` or `mfd`, default d8), `rasters` (1 = write
///   soil_loss.tif, usped.tif and risk.tif, the default; 0 = summary values only), `seed` (ignored).
///
/// The terrain derivation (fill, flow routing, LS, USPED transport) is done once per process per
/// DEM and routing — on all cores, while the other workers wait for it — and shared by all
/// scenarios; factor rasters are read once per process.
/// Values are the columns of `erosion run`'s summary.csv (t/ha/yr, t/yr, m² per risk class).
public struct ErosionScenarioJob: JobRunner {
    /// The kind name (the server's erosion shortcut submits this kind).
    public static let kindName = "erosion-scenario"
    public let kind = ErosionScenarioJob.kindName
    /// The three rasters and the summary columns of `erosion run` (risk classes of the default classification).
    public let products = KindProducts(outputs: ScenarioRasters.names.map { String($0.dropLast(".tif".count)) },
                                       results: (try? RiskClassification()).map(ErosionSummaryColumns.names(risk:)) ?? [])
    static let base = FactorValues([.R: .scalar(500), .K: .scalar(0.03), .C: .scalar(0.2), .P: .scalar(1)])
    public let schema = ParameterSchema([
        ParameterDeclaration("dem", .inputFile, required: true, help: "the DEM (any GDAL raster with a CRS, metres)"),
        ParameterDeclaration("name", .text, help: "scenario label (default job<ID>)"),
        ParameterDeclaration("routing", .choice(TerrainOptions.Routing.allCases.map(\.rawValue)), default: "d8",
                             help: "flow routing"),
        ParameterDeclaration("rasters", .flag, default: 1, help: "write soil_loss.tif, usped.tif and risk.tif"),
    ] + Factor.allCases.flatMap { f in [
        ParameterDeclaration(f.rawValue, .numberOrInputFile, help: "\(f.rawValue) factor: a number or a raster aligned with the DEM"),
        ParameterDeclaration("multiply_\(f.rawValue)", .number(), default: 1, help: "multiplier of the \(f.rawValue) factor"),
    ] })

    /// The kind (terrain and factor rasters are cached per process through the job context).
    public init() {}

    public func validate(parameters p: JobParameters) throws {
        _ = try Self.scenario(p, jobID: 0)
    }

    /// What a process derives once per DEM and routing.
    private struct Site {
        let terrain: Terrain
        let georeference: Georeference
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let dem = p["dem"]?.description ?? ""
        let routing = try Self.routing(p)
        let site = try context.cache.value(for: "erosion-terrain:\(routing.rawValue):\(dem)") { () throws -> Site in
            let input = try DEMInput(path: dem)
            let jobs = ProcessInfo.processInfo.activeProcessorCount
            let terrain = try Terrain(dem: input.grid, geometry: input.geometry, options: TerrainOptions(routing: routing, jobs: jobs))
            return Site(terrain: terrain, georeference: input.georeference)
        }
        try context.checkCancelled()
        let scenario = try Self.scenario(p, jobID: context.jobID)
        var rasters: [String: Grid<Double>] = [:]
        for path in scenario.rasterPaths {
            rasters[path] = try context.cache.value(for: "erosion-factor:\(path)") { try RasterFile.read(path, as: Double.self).grid }
        }
        try site.terrain.validate([scenario], rasters: rasters)
        let risk = try RiskClassification()
        let result = try site.terrain.evaluate(scenario, rasters: rasters, risk: risk)
        try context.checkCancelled()

        var outputs: [String] = []
        if ParameterDeclaration.flagValue(p["rasters"] ?? 1) ?? true {
            var metadata = Provenance.metadata(inputs: [dem] + scenario.rasterPaths)
            metadata["EROSION_SCENARIO"] = scenario.name
            let writers = ScenarioRasters.writers(result, georeference: site.georeference, metadata: metadata)
            for (name, write) in zip(ScenarioRasters.names, writers) {
                outputs.append(try context.writeOutput(name) { try write($0) })
            }
        }
        var values: [String: ParameterValue] = [ErosionSummaryColumns.scenario: .string(result.summary.name)]
        for (name, value) in ErosionSummaryColumns.numbers(result.summary, risk: risk) { values[name] = .number(value) }
        return JobResult(values: values, outputs: outputs)
    }

    static func routing(_ p: JobParameters) throws -> TerrainOptions.Routing {
        guard let text = p["routing"]?.description else { return .d8 }
        guard let r = TerrainOptions.Routing(rawValue: text) else {
            throw BatchError.invalidSpec(path: "parameters.routing",
                                         message: "must be one of \(TerrainOptions.Routing.allCases.map(\.rawValue).joined(separator: ", ")), got '\(text)'")
        }
        return r
    }

    /// The resolved scenario of the job's factor and multiplier parameters.
    static func scenario(_ p: JobParameters, jobID: Int64) throws -> ResolvedScenario {
        var set = FactorValues(), multiply: [Factor: Double] = [:]
        for f in Factor.allCases {
            if case .number(let d)? = p[f.rawValue] {
                set[f] = .scalar(d)
            } else if case .string(let s)? = p[f.rawValue] {
                set[f] = Double(s).map(FactorValue.scalar) ?? .raster(s)
            } else if let other = p[f.rawValue] {
                throw BatchError.invalidSpec(path: "parameters.\(f.rawValue)", message: "must be a number or a file path, got '\(other)'")
            }
            if let m = p["multiply_\(f.rawValue)"] {
                guard let d = m.doubleValue else {
                    throw BatchError.invalidSpec(path: "parameters.multiply_\(f.rawValue)", message: "must be a number")
                }
                multiply[f] = d
            }
        }
        let name = p["name"]?.description ?? "job\(jobID)"
        do {
            return try Scenario(name: name, set: set, multiply: FactorMultipliers(multiply)).resolved(base: base)
        } catch {
            throw BatchError.invalidSpec(path: "parameters", message: "\(error)")
        }
    }
}
