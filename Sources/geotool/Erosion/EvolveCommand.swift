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
            .file((out as NSString).appendingPathComponent("elevation_final.tif")),
            .files(in: out, matching: { $0.range(of: #"^elevation_step[0-9]+\.tif$"#, options: .regularExpression) != nil }),
        ])
        let input = try DEMInput(path: dem)
        let params: EvolutionParameters
        do { params = try EvolutionParameters(k: k, m: m, n: n, diffusivity: diffusivity, uplift: uplift, dt: dt) } catch {
            throw CLIError("\(error)")
        }
        guard years.isFinite, years > 0 else { throw CLIError("invalid parameter years: must be finite and > 0") }
        guard snapshotEvery >= 0 else { throw CLIError("invalid parameter snapshot-every: must be ≥ 0") }
        // Step counts are checked (and the model built) before the output directory exists.
        do { _ = try params.stepCount(years: years) } catch { throw CLIError("--years/--dt: \(error)") }
        var model: LandscapeEvolution
        do { model = try LandscapeEvolution(dem: input.grid, geometry: input.geometry, parameters: params) } catch {
            throw CLIError("\(error)")
        }
        Console.error("evolve: \(dem) \(input.grid.width)×\(input.grid.height), \(input.geometryNote)")
        try ErosionOutput.makeDirectory(out)
        let meta = Provenance.metadata(inputs: [dem])
        let progress = Console.Progress("evolve")
        let outDir = out, georef = input.georeference
        try model.run(years: years, snapshotEvery: snapshotEvery, snapshot: { step, time, grid in
            var md = meta
            md["EVOLVE_STEP"] = "\(step)"
            md["EVOLVE_TIME_YR"] = "\(time)"
            let name = String(format: "elevation_step%06d.tif", step)
            try RasterFile.write(grid, to: (outDir as NSString).appendingPathComponent(name), georeference: georef, metadata: md)
        }, progress: { progress.update($0) })
        var md = meta
        md["EVOLVE_STEP"] = "\(model.stepCount)"
        md["EVOLVE_TIME_YR"] = "\(model.time)"
        try RasterFile.write(model.elevation, to: (out as NSString).appendingPathComponent("elevation_final.tif"),
                             georeference: georef, metadata: md)
        Console.error("evolve: \(model.stepCount) steps, \(model.time) years; wrote \(out)")
    }
}
