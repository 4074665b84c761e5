import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Erosion

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

    @Option(help: "Output directory (created if missing).")
    var out: String

    @Option(help: "Flow routing: d8 or mfd.")
    var routing: TerrainOptions.Routing = .d8

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int?

    func run() throws {
        let input = try DEMInput(path: dem)
        let spec = try ScenarioInput(path: scenarios, dem: input)
        try OutputGuard.check(inputs: [dem, scenarios] + spec.rasterFiles,
                              outputs: PlannedOutput.files(spec.scenarios.flatMap { Self.fileNames(scenario: $0.name) }
                                                           + ["summary.csv"], in: out))
        let jobs = ErosionOutput.jobs(jobs)
        Console.error("erosion run: \(dem) \(input.grid.width)×\(input.grid.height), \(input.geometryNote); \(spec.scenarios.count) scenarios")
        let t0 = ProcessInfo.processInfo.systemUptime
        let terrain = try TerrainBuilder.derive(input, routing: routing, fill: .priorityFlood, jobs: jobs)
        let t1 = ProcessInfo.processInfo.systemUptime
        do { try terrain.validate(spec.scenarios, rasters: spec.rasters) } catch { throw CLIError("\(scenarios): \(error)") }
        try ErosionOutput.makeDirectory(out)

        let list = spec.scenarios
        let state = RunState(count: list.count)
        let progress = Console.Progress("erosion run")
        let meta = Provenance.metadata(inputs: [dem, scenarios])
        let georef = input.georeference
        let outDir = out
        let workers = min(jobs, list.count)
        let risk = spec.risk, rasters = spec.rasters
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let k = state.next() {
                let s = list[k]
                do {
                    let e0 = threadCPUSeconds()
                    let r = try terrain.evaluate(s, rasters: rasters, risk: risk)
                    state.addEvaluationTime(threadCPUSeconds() - e0)
                    var m = meta
                    m["EROSION_SCENARIO"] = s.name
                    let paths = Self.fileNames(scenario: s.name).map { (outDir as NSString).appendingPathComponent($0) }
                    try RasterFile.write(r.soilLoss, to: paths[0], georeference: georef, creationOptions: TerrainBuilder.fast, metadata: m)
                    try RasterFile.write(r.netDeposition, to: paths[1], georeference: georef, creationOptions: TerrainBuilder.fast, metadata: m)
                    try RasterFile.write(r.riskClass, to: paths[2], georeference: georef, creationOptions: TerrainBuilder.fast, metadata: m)
                    state.finish(k, r.summary)
                } catch {
                    state.fail("\(s.name): \(error)")
                }
                progress.update(state.fraction)
            }
        }
        if let e = state.error { throw CLIError("erosion run: scenario \(e)") }
        let summaries = state.summaries.compactMap { $0 }
        try ErosionOutput.writeText(SummaryCSV.text(summaries, risk: risk),
                                    to: (out as NSString).appendingPathComponent("summary.csv"))
        Console.error("erosion run: wrote \(list.count) scenarios and summary.csv to \(out)")
        Console.error(String(format: "erosion run timings: terrain %.3f s, scenarios %.3f s wall, evaluation %.2f ms CPU per scenario (excluding writes)",
                             t1 - t0, ProcessInfo.processInfo.systemUptime - t1, 1000 * state.evaluationTime / Double(list.count)))
    }

    /// A scenario's rasters: soil loss, USPED net deposition, risk classes (the name is a checked
    /// `PathComponent`: `ScenarioFile.expanded` validates it).
    static func fileNames(scenario name: String) -> [String] {
        ["\(name)_soil_loss.tif", "\(name)_usped.tif", "\(name)_risk.tif"]
    }
}

/// Work queue and results shared by the scenario workers.
final class RunState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var done = 0
    private let count: Int
    private(set) var summaries: [ScenarioSummary?]
    private(set) var error: String?

    init(count: Int) {
        self.count = count
        summaries = Array(repeating: nil, count: count)
    }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard error == nil, nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func finish(_ k: Int, _ s: ScenarioSummary?) {
        lock.lock(); defer { lock.unlock() }
        summaries[k] = s
        done += 1
    }

    private(set) var evaluationTime = 0.0

    func addEvaluationTime(_ t: Double) {
        lock.lock(); defer { lock.unlock() }
        evaluationTime += t
    }

    func fail(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        if error == nil { error = message }
        done += 1
    }

    var fraction: Double {
        lock.lock(); defer { lock.unlock() }
        return Double(done) / Double(max(1, count))
    }
}

/// summary.csv: one row per scenario.
enum SummaryCSV {
    static func text(_ rows: [ScenarioSummary], risk: RiskClassification) -> String {
        var header = ["scenario", "cells", "mean_t_ha_yr", "p50_t_ha_yr", "p95_t_ha_yr", "max_t_ha_yr", "total_t_yr",
                      "usped_erosion_t_yr", "usped_deposition_t_yr"]
        header += risk.classNames.map { "area_m2_\($0)" }
        var lines = [header.joined(separator: ",")]
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "" }
        for s in rows {
            var fields = [s.name, "\(s.cellCount)", f(s.meanSoilLoss), f(s.p50SoilLoss), f(s.p95SoilLoss), f(s.maxSoilLoss),
                          f(s.totalSoilLoss), f(s.uspedErosion), f(s.uspedDeposition)]
            fields += s.areaPerClass.map(f)
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// CPU time consumed by the calling thread (seconds): unaffected by other processes' load.
func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}
