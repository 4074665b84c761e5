import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Erosion
import Operations

/// `geotool erosion run DEM --scenarios SCEN.yaml --out DIR`: terrain once, scenarios in parallel.
struct ErosionRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Evaluate RUSLE/USPED erosion scenarios on a DEM (terrain derived once, scenarios in parallel).",
        discussion: """
        Per scenario NAME writes NAME_soil_loss.tif (Float32 t/ha/yr, RUSLE A = R·K·LS·C·P), NAME_usped.tif \
        (Float32, USPED net deposition: > 0 deposition, < 0 erosion) and NAME_risk.tif (UInt8 class 0…5, 255 \
        nodata), plus summary.csv with one row per scenario. The scenario file format is documented on \
        Erosion.ScenarioFile (see fixtures/scenarios/terrasim.yaml). The file and every factor raster are \
        checked before anything is written.
        """)

    @Argument(help: "Input DEM (any GDAL raster with a CRS; elevations in metres).")
    var dem: String

    @Option(help: "Scenario file (YAML).")
    var scenarios: String

    @OptionGroup var outputDirectory: OutputDirectoryOption

    @Option(help: "Flow routing: d8 or mfd.")
    var routing: TerrainOptions.Routing = .d8

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    @OptionGroup var tableOutput: TableOutputOptions

    func run() throws {
        let out = outputDirectory.path
        try tableOutput.check(defaultTable: "erosion_summary")
        let input = try DEMInput(path: dem)
        let spec = try ScenarioInput(path: scenarios, dem: input)
        try OutputGuard.check(inputs: [dem, scenarios] + spec.rasterFiles,
                              outputs: PlannedOutput.files(spec.scenarios.flatMap { ScenarioRasters.fileNames(scenario: $0.name) }
                                                           + ["summary.csv"], in: out))
        let jobs = workers.count
        Console.error("erosion run: \(dem) \(input.grid.width)×\(input.grid.height), \(input.geometryNote); \(spec.scenarios.count) scenarios")
        let t0 = ProcessInfo.processInfo.systemUptime
        let terrain = try TerrainBuilder.derive(input, routing: routing, fill: .priorityFlood, jobs: jobs,
                                                progress: terrainProgress("erosion derive"))
        let t1 = ProcessInfo.processInfo.systemUptime
        do { try terrain.validate(spec.scenarios, rasters: spec.rasters) } catch { throw CLIError("\(scenarios): \(error)") }
        try ErosionOutput.makeDirectory(out)

        let list = spec.scenarios
        let progress = Console.Progress("erosion run")
        let done = AtomicCounter()
        let meta = Provenance.metadata(inputs: [dem, scenarios])
        let georef = input.georeference
        let outDir = out
        let risk = spec.risk, rasters = spec.rasters
        // Per scenario: its summary and the thread CPU seconds of its evaluation (writes excluded).
        let results = try WorkerThreads.map(count: list.count, jobs: jobs) { k -> (ScenarioSummary, Double) in
            let s = list[k]
            defer { progress.update(Double(done.increment() + 1) / Double(list.count)) }
            do {
                let e0 = threadCPUSeconds()
                let r = try terrain.evaluate(s, rasters: rasters, risk: risk)
                let cpu = threadCPUSeconds() - e0
                var m = meta
                m["EROSION_SCENARIO"] = s.name
                let paths = ScenarioRasters.fileNames(scenario: s.name).map { (outDir as NSString).appendingPathComponent($0) }
                for (path, write) in zip(paths, ScenarioRasters.writers(r, georeference: georef, metadata: m)) { try write(path) }
                return (r.summary, cpu)
            } catch {
                throw CLIError("scenario \(s.name): \(error)")
            }
        }
        let summaries = results.map(\.0)
        let evaluationTime = results.map(\.1).reduce(0, +)
        let summaryCSV = ErosionSummaryColumns.csv(summaries, risk: risk)
        try ErosionOutput.writeText(summaryCSV, to: (out as NSString).appendingPathComponent("summary.csv"))
        try tableOutput.write(try Table(csv: CSVTable(text: summaryCSV)), defaultTable: "erosion_summary", metadata: meta)
        Console.error("erosion run: wrote \(list.count) scenarios and summary.csv to \(out)")
        Console.error(String(format: "erosion run timings: terrain %.3f s, scenarios %.3f s wall, evaluation %.2f ms CPU per scenario (excluding writes)",
                             t1 - t0, ProcessInfo.processInfo.systemUptime - t1, 1000 * evaluationTime / Double(list.count)))
    }
}

/// CPU time consumed by the calling thread (seconds): unaffected by other processes' load.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
