import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Erosion
import Operations

/// `geotool evolve DEM …`: landscape evolution (stream power + diffusion + uplift).
struct EvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evolve",
        abstract: "Landscape evolution: Braun & Willett (2013) implicit stream power + hillslope diffusion + uplift.",
        discussion: """
        ∂z/∂t = U − K·A^m·S^n + D·∇²z with A the D8 drainage area (m²). Base level: the grid border and cells \
        next to nodata. Writes DIR/elevation_final.tif and, with --snapshot-every N, DIR/elevation_stepNNNNNN.tif \
        every N steps (Float64 m).
        """)

    @Argument(help: "Input DEM (with a CRS; elevations in metres).")
    var dem: String

    @Option(help: "Simulated time (years).")
    var years: Double

    @Option(help: "Time step (years).")
    var dt: Double

    @Option(help: "Stream-power erodibility K (yr⁻¹ m^(1−2m)).")
    var k: Double

    @Option(help: "Area exponent m.")
    var m: Double = 0.5

    @Option(help: "Slope exponent n (≠ 1 uses Newton iteration).")
    var n: Double = 1

    @Option(name: .customLong("d"), help: "Hillslope diffusivity D (m²/yr).")
    var diffusivity: Double = 0

    @Option(help: "Uplift rate U (m/yr).")
    var uplift: Double = 0

    @OptionGroup var outputDirectory: OutputDirectoryOption

    @Option(help: "Write a snapshot every N steps (0: none).")
    var snapshotEvery: Int = 0

    func run() throws {
        let out = outputDirectory.path
        try OutputGuard.check(inputs: [dem], outputs: [
            .file((out as NSString).appendingPathComponent(EvolveOperation.finalName)),
            .files(in: out, matching: EvolveOperation.isSnapshotName),
        ])
        var parameters = EvolveOperation.Parameters(dem: dem, years: years, dt: dt, k: k)
        (parameters.m, parameters.n, parameters.diffusivity, parameters.uplift) = (m, n, diffusivity, uplift)
        parameters.snapshotEvery = snapshotEvery
        // Parameters and step counts are checked (and the model built) before the output directory exists.
        let prepared: EvolveOperation.Prepared
        do { prepared = try EvolveOperation.prepare(parameters) } catch ErosionError.invalidParameter(let name, let reason) {
            throw CLIError("\(Self.flags[name] ?? name): \(reason)")
        } catch let e as ErosionError {
            throw CLIError("\(e)")
        }
        let input = prepared.input
        Console.error("evolve: \(dem) \(input.grid.width)×\(input.grid.height), \(input.geometryNote)")
        try ErosionOutput.makeDirectory(out)
        let progress = Console.Progress("evolve")
        let summary = try EvolveOperation.run(parameters, prepared, outputs: .directory(out), progress: { progress.update($0) })
        Console.error("evolve: \(summary.steps) steps, \(summary.years) years; wrote \(out)")
    }

    /// The option that sets each parameter of the `evolve` stage (library errors name the parameter).
    static let flags = ["years": "--years", "dt": "--dt", "k": "--k", "m": "--m", "n": "--n", "d": "--d", "uplift": "--uplift",
                        "snapshot_every": "--snapshot-every"]
}
