import ArgumentParser
import Foundation
import GeoSupport
import TEM1D
import Operations
import Raster

/// `geotool tem1d run --models MODELS.csv|SPEC.yaml --system SYSTEM.yaml --out OUT.csv|OUT.npy`: forward
/// responses of many layered models, computed in chunks on worker threads, saved chunk by chunk and resumable.
struct TEM1DRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Forward-model many layered earths for one central-loop TEM system (resumable).",
        discussion: """
        Models: a CSV with a header rho_1..rho_n,thk_1..thk_{n-1} (ohm·m, m; one model per row; a model with k < n \
        layers leaves rho_{k+1}.. and thk_k.. empty), or a YAML spec \
        (mode grid / sweep / monte_carlo; see fixtures/tem1d/spec.yaml). System: YAML with loop_radius or \
        loop_side, height, ramp_time and times (list or logspace {start, stop, num}) or gates ([open, close] \
        pairs); see fixtures/tem1d/system.yaml. Or a real instrument: a GA-AEM .stm file or a YAML file with \
        moments (fixtures/tem1d/skytem.yaml): waveform with bipolar repetition, receiver filters, window means, \
        loop at --height, receiver --receiver-offset above the loop; one row per model with every moment's windows \
        (columns <moment>_t_<window mid time>); a models CSV may give each model its own height and rx_dz \
        columns (m) instead; docs/TEM1D.md.
        Output: one row per model: model_index, rho_*, thk_* (empty / NaN beyond a model's layers), then one \
        column per gate named t_<centre time in s> \
        (e.g. t_1.000e-06). OUT.csv is text; OUT.npy is a float64 array with the same columns, described in \
        OUT.npy.json. Finished chunks are saved in OUT.parts/ as they complete; re-running the same command after \
        an interruption resumes after the last saved chunk. OUT appears only when complete. Results do not depend \
        on --jobs or --chunk-size.
        """)

    @Option(help: "Models: a .csv table (rho_1..rho_n,thk_1..thk_{n-1}) or a .yaml/.yml spec.")
    var models: String

    @Option(help: "System: a GA-AEM .stm file (one moment), a YAML instrument (moments: waveform, base frequency, windows, filters; docs/TEM1D.md), or the idealised YAML system (loop, height, ramp, gate times).")
    var system: String

    @Option(help: "Output file: .csv or .npy.")
    var out: String

    @Option(help: "Quantity: dbdt (-dBz/dt, T/s per A) or b (Bz step-off, T per A).")
    var quantity: TEM1DQuantity = .dbdt

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    @Option(name: .customLong("max-models"), help: "Refuse model files or specs with more models than this (counted before expanding).")
    var maxModels = ModelInput.defaultMaxModels

    @Option(help: "Models per chunk: auto (max(100, n/(10·jobs)) rounded to 50) or a number.")
    var chunkSize: ChunkSizeOption = .auto

    @Option(help: "Loop height above the surface, m, for every model (instrument systems: .stm, or YAML with moments; default 0).")
    var height: Double?

    @Option(name: .customLong("receiver-offset"), help: "Receiver height above the loop plane, on the loop's axis, m (instrument systems; default 0).")
    var receiverOffset: Double?

    /// `--table-output`: the responses in long format (model_index, rho_*, thk_*, gate, time_s, value), from OUT.csv.
    @OptionGroup var tableOutput: TableOutputOptions

    func validate() throws {
        guard maxModels >= 1 else { throw ValidationError("--max-models must be >= 1") }
    }

    func run() throws {
        let format = try ResponseTable.Format(outputPath: out)
        // OUT, ChunkStore's parts directory (removed when the run completes) and the NPY description.
        let planned: [PlannedOutput] = [.file(out), .directory(out + ".parts")] + (format == .npy ? [.file(out + ".json")] : [])
        try OutputGuard.check(inputs: [models, system], outputs: planned)
        if tableOutput.destination != nil, format != .csv { throw CLIError("--table-output needs --out ending in .csv") }
        try tableOutput.check(defaultTable: "tem1d_responses")
        // An instrument (.stm, or YAML with moments: waveform, repetition, filters, windows, moments) or the
        // idealised central-loop system (YAML).
        let instrument = try InstrumentFile.load(system)
        let temSystem = instrument == nil ? try SystemFile.load(system) : nil
        if instrument == nil, height != nil || receiverOffset != nil {
            throw CLIError("--height and --receiver-offset apply to instrument systems (.stm, or YAML with moments); \(system) sets its own height")
        }
        let geometry: SoundingGeometry
        do { geometry = try SoundingGeometry(height: height ?? 0, receiverOffset: receiverOffset ?? 0) } catch {
            throw CLIError("--height/--receiver-offset: \(error)")
        }
        let input: ModelInput
        do { input = try ModelInput(path: models, maxModels: maxModels, allowGeometry: instrument != nil) } catch let e as ModelCountError {
            throw CLIError("\(e) (raise it with --max-models)")
        }
        for notice in input.notices { Console.failure(CLIError(notice), in: Self.self) }
        // Per-model geometry (height / rx_dz columns) or --height/--receiver-offset for all models, not both.
        if input.geometry != nil, height != nil || receiverOffset != nil {
            throw CLIError("\(models) has height/rx_dz columns: give the geometry there or with --height/--receiver-offset, not both")
        }
        let geometries = input.geometry ?? [geometry]
        let modeller: ForwardModeller?, instrumentModeller: InstrumentModeller?
        do {
            modeller = try temSystem.map { try ForwardModeller(system: $0) }
            instrumentModeller = try instrument.map { try InstrumentModeller(instrument: $0) }
        } catch { throw CLIError("\(system): \(error)") }
        let workers = self.workers.count
        let table = if let instrument {
            ResponseTable(format: format, quantity: quantity, layerCount: input.layerCounts.upperBound,
                          instrument: instrument, rowCount: input.models.count)
        } else {
            ResponseTable(format: format, quantity: quantity, layerCount: input.layerCounts.upperBound,
                          gateTimes: temSystem!.times, rowCount: input.models.count)
        }
        // Gate coordinates of the long table: centre times (instrument: window mid-points, moment after moment).
        let gateTimes = instrument.map { $0.moments.flatMap { $0.windows.map { ($0.open + $0.close) / 2 } } } ?? temSystem!.times
        let store = try ChunkStore(output: out, fingerprint: fingerprint(temSystem, instrument, geometries, input, format),
                                   itemCount: input.models.count, requestedChunkSize: chunkSize.explicit,
                                   autoChunkSize: ChunkedRunner.chunkSize(modelCount: input.models.count, workers: workers))
        if let discarded = store.discarded {
            let reason = switch discarded {
            case .otherRun: "they belong to a different run (other inputs, options or geotool version)"
            case .otherChunkSize(let size): "they were made with --chunk-size \(size)"
            }
            Console.error("tem1d run: discarded the parts in \(store.directory): \(reason)")
        }
        let layers = input.layerCounts
        Console.error("tem1d run: \(input.models.count) models of "
                      + (layers.count == 1 ? "\(layers.lowerBound)" : "\(layers.lowerBound)–\(layers.upperBound)")
                      + " layers, \(gateTimes.count) gates"
                      + (instrument.map { " (\($0.moments.map { "\($0.name) \($0.windows.count)" }.joined(separator: ", ")))" } ?? "")
                      + ", "
                      + "\(workers) jobs, \(store.chunkCount) chunks of \(store.chunkSize)")
        if store.completed > 0 {
            Console.error("tem1d run: resuming \(out): \(store.completed) of \(store.chunkCount) chunks already saved")
        }
        try store.beginAssembly(header: table.header())
        let progress = Console.Progress("tem1d run")
        let start = ProcessInfo.processInfo.systemUptime
        do {
            let report = { (done: Int, total: Int) in progress.update(Double(done) / Double(total)) }
            let save = { (chunk: ChunkResult) in try store.store(chunk.index, table.encode(chunk, models: input.models)) }
            if let instrumentModeller {
                try ChunkedRunner.run(models: input.models, instrument: instrumentModeller, geometry: geometries, workers: workers,
                                      chunkSize: store.chunkSize, startChunk: store.completed, progress: report, onChunk: save)
            } else if let modeller {
                try ChunkedRunner.run(models: input.models, modeller: modeller, workers: workers, chunkSize: store.chunkSize,
                                      startChunk: store.completed, progress: report, onChunk: save)
            }
        } catch let e as TEM1DError {
            throw CLIError("\(models): \(e)")
        }
        let seconds = ProcessInfo.processInfo.systemUptime - start
        let sidecar = try instrument.map { try table.sidecar(instrument: $0, geometry: input.geometry == nil ? geometry : nil, inputs: [models, system]) }
            ?? table.sidecar(system: temSystem!, inputs: [models, system])
        try store.finish(extras: sidecar.map { [(path: out + ".json", bytes: [UInt8]($0))] } ?? [])
        try tableOutput.write(try longTable(CSVTable(path: out), gateTimes: gateTimes), defaultTable: "tem1d_responses",
                              metadata: Provenance.metadata(inputs: [models, system]))
        let computed = input.models.count - min(input.models.count, store.completed * store.chunkSize)
        Console.error("tem1d run: \(computed) models computed in " + String(format: "%.2f s (%.0f models/s)", seconds,
                      Double(computed) / max(seconds, 1e-9)) + " → \(out)")
    }

    /// The responses in long format: one row per model and gate (the `t_…` / `<moment>_t_…` columns, in order, with
    /// their times).
    private func longTable(_ csv: CSVTable, gateTimes: [Double]) throws -> Table {
        let isGate = { (name: String) in name.hasPrefix("t_") || name.contains("_t_") }
        let measured = csv.header.indices.filter { isGate(csv.header[$0]) }
        let kept = csv.header.indices.filter { !isGate(csv.header[$0]) }
        return try Table(longFormOf: csv.header, textRows: csv.rows, kept: kept, measured: measured, coordinates: gateTimes,
                         names: (index: "gate", coordinate: "time_s", value: quantity.rawValue))
    }

    /// Everything that determines the output bytes: version, format, quantity, system (or instrument and geometry)
    /// and models.
    private func fingerprint(_ system: TEMSystem?, _ instrument: TEMInstrument?, _ geometries: [SoundingGeometry],
                             _ input: ModelInput, _ format: ResponseTable.Format) -> String {
        var fp = RunFingerprint()
        fp.add("geotool tem1d run \(GeotoolVersion.current) \(format.rawValue) \(quantity.rawValue)")
        if let system {
            fp.add([system.loopRadius, system.height, system.rampTime] + system.gates.flatMap { [$0.open, $0.close] })
        }
        if let instrument, let json = try? JSONEncoder().encode(instrument) {
            fp.add(String(decoding: json, as: UTF8.self))
            fp.add(geometries.flatMap { [$0.height, $0.receiverOffset] })
        }
        for m in input.models { fp.add(m.resistivities + m.thicknesses) }
        return fp.hex
    }
}

extension TEM1DQuantity: ExpressibleByArgument {}
