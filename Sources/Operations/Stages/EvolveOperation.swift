import Batch
import Erosion
import Foundation
import GeoSupport
import Grid
import Raster

/// `evolve`: landscape evolution — Braun & Willett (2013) implicit stream power + hillslope diffusion + uplift on a
/// DEM — the stage behind `geotool evolve` and the `evolve` job kind, declared once. Writes `elevation_final.tif`
/// and, every `snapshot_every` steps, `elevation_stepNNNNNN.tif` (Float64 m).
///
/// Parameters (the CLI's flags map one to one: `--years`, `--dt`, `--k`, `--m`, `--n`, `--d`, `--uplift`,
/// `--snapshot-every` → `snapshot_every`): see `schema`. Results: `steps`, `years` (simulated time), `snapshots`,
/// `n_cells`, and the final elevation's `min`, `max` and `mean` over valid cells.
public struct EvolveOperation: JobRunner {
    public static let kindName = "evolve"
    public let kind = EvolveOperation.kindName
    /// What a workflow stage may refer to: the default output name and the result values.
    public let products = KindProducts(outputs: ["elevation_final"], results: ["steps", "years", "snapshots", "n_cells", "min", "max", "mean"])

    /// What one evolution does, typed: the CLI and the job kind both build one and call `prepare` then `run`.
    public struct Parameters: Sendable {
        public var dem: String
        /// Simulated time (years, > 0).
        public var years: Double
        /// Time step (years).
        public var dt: Double
        /// Stream-power erodibility K (yr⁻¹ m^(1−2m)).
        public var k: Double
        public var m = 0.5
        public var n = 1.0
        /// Hillslope diffusivity D (m²/yr).
        public var diffusivity = 0.0
        /// Uplift rate U (m/yr).
        public var uplift = 0.0
        /// A snapshot every N steps (0: none).
        public var snapshotEvery = 0

        public init(dem: String, years: Double, dt: Double, k: Double) {
            self.dem = dem
            self.years = years
            self.dt = dt
            self.k = k
        }
    }

    /// A model ready to run: the DEM read, the parameters and step counts checked.
    public struct Prepared {
        public let input: DEMInput
        public var model: LandscapeEvolution
    }

    /// What an evolution wrote.
    public struct Summary: Sendable {
        public var steps = 0
        public var years = 0.0
        /// Snapshot files, then the final elevation.
        public var outputs: [String] = []
        public var final: Grid<Double>?
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("dem", .inputFile, required: true, help: "the DEM (with a CRS; elevations in metres)"),
        ParameterDeclaration("years", .number(), required: true, help: "simulated time (years)"),
        ParameterDeclaration("dt", .number(), required: true, help: "time step (years)"),
        ParameterDeclaration("k", .number(), required: true, help: "stream-power erodibility K (yr⁻¹ m^(1−2m))"),
        ParameterDeclaration("m", .number(), default: 0.5, help: "area exponent m"),
        ParameterDeclaration("n", .number(), default: 1, help: "slope exponent n (≠ 1 uses Newton iteration)"),
        ParameterDeclaration("d", .number(), default: 0, help: "hillslope diffusivity D (m²/yr)"),
        ParameterDeclaration("uplift", .number(), default: 0, help: "uplift rate U (m/yr)"),
        ParameterDeclaration("snapshot_every", .integer(0...Int(Int32.max)), default: 0,
                             help: "write a snapshot every N steps (0: none)"),
    ])

    /// The kind, stateless.
    public init() {}

    /// The output files' names: the final elevation, and whether `name` is a snapshot's.
    public static let finalName = "elevation_final.tif"
    public static func isSnapshotName(_ name: String) -> Bool {
        name.range(of: #"^elevation_step[0-9]+\.tif$"#, options: .regularExpression) != nil
    }

    /// The evolution parameters and the number of steps, checked before the DEM is read;
    /// `ErosionError.invalidParameter` names the parameter (`k`, `d`, `dt`, `years`, `snapshot_every`).
    public static func check(_ p: Parameters) throws -> EvolutionParameters {
        let params = try EvolutionParameters(k: p.k, m: p.m, n: p.n, diffusivity: p.diffusivity, uplift: p.uplift, dt: p.dt)
        guard p.years.isFinite, p.years > 0 else {
            throw ErosionError.invalidParameter(name: "years", reason: "must be finite and > 0")
        }
        guard p.snapshotEvery >= 0 else { throw ErosionError.invalidParameter(name: "snapshot_every", reason: "must be ≥ 0") }
        _ = try params.stepCount(years: p.years)
        return params
    }

    /// Reads the DEM and builds the model (diffusion substeps checked); errors name the file or the parameter.
    public static func prepare(_ p: Parameters) throws -> Prepared {
        let params = try check(p)
        let input = try DEMInput(path: p.dem)
        let model = try LandscapeEvolution(dem: input.grid, geometry: input.geometry, parameters: params)
        return Prepared(input: input, model: model)
    }

    /// Runs the prepared model for `p.years`, writing snapshots and the final elevation to `outputs` with
    /// provenance metadata; `progress` gets the fraction done.
    public static func run(_ p: Parameters, _ prepared: Prepared, outputs: StageOutputs,
                           progress: ((Double) -> Void)? = nil) throws -> Summary {
        var model = prepared.model
        let meta = Provenance.metadata(inputs: [p.dem])
        let georef = prepared.input.georeference
        var summary = Summary()
        try model.run(years: p.years, snapshotEvery: p.snapshotEvery, snapshot: { step, time, grid in
            var md = meta
            md["EVOLVE_STEP"] = "\(step)"
            md["EVOLVE_TIME_YR"] = "\(time)"
            let name = String(format: "elevation_step%06d.tif", step)
            summary.outputs.append(try outputs.write(name) { try RasterFile.write(grid, to: $0, georeference: georef, metadata: md) })
        }, progress: progress)
        var md = meta
        md["EVOLVE_STEP"] = "\(model.stepCount)"
        md["EVOLVE_TIME_YR"] = "\(model.time)"
        let final = model.elevation
        summary.outputs.append(try outputs.write(finalName) { try RasterFile.write(final, to: $0, georeference: georef, metadata: md) })
        (summary.steps, summary.years, summary.final) = (model.stepCount, model.time, final)
        return summary
    }

    /// The typed parameters of a job.
    public static func parameters(_ p: JobParameters) -> Parameters {
        let a = StageArguments(p)
        var parameters = Parameters(dem: a.text("dem") ?? "", years: a.number("years") ?? .nan, dt: a.number("dt") ?? .nan,
                                    k: a.number("k") ?? .nan)
        parameters.m = a.number("m") ?? 0.5
        parameters.n = a.number("n") ?? 1
        parameters.diffusivity = a.number("d") ?? 0
        parameters.uplift = a.number("uplift") ?? 0
        parameters.snapshotEvery = a.integer("snapshot_every") ?? 0
        return parameters
    }

    /// `body` with the Erosion library's parameter errors as the batch engine's (`parameters.<name>`).
    private static func specErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch ErosionError.invalidParameter(let name, let reason) {
            throw StageParameterError(name, reason).batchError
        }
    }

    public func validate(parameters p: JobParameters) throws {
        _ = try Self.specErrors { try Self.check(Self.parameters(p)) }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let parameters = Self.parameters(p)
        let prepared = try Self.specErrors { try Self.prepare(parameters) }
        try context.checkCancelled()
        let summary = try Self.run(parameters, prepared, outputs: .job(context), progress: { _ in })
        var stats = PixelStatistics()
        if let g = summary.final { for v in g.values where g.isValidValue(v) { stats.add(v) } }
        return JobResult(values: [
            "steps": .number(Double(summary.steps)), "years": .number(summary.years),
            "snapshots": .number(Double(summary.outputs.count - 1)),
            "n_cells": .number(Double(summary.final?.count ?? 0)),
            "min": .number(stats.minimum), "max": .number(stats.maximum), "mean": .number(stats.mean),
        ], outputs: summary.outputs)
    }
}
