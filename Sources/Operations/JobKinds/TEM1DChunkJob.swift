import Batch
import Foundation
import GeoSupport
import TEM1D

/// `tem1d-chunk`: TEM1D central-loop forward responses of one model or of one chunk of a model file.
///
/// Parameters:
/// - `system` (required): the system YAML of `geotool tem1d run` (loop, height, ramp, gates), read by
///   `SystemFile`.
/// - the models, either
///   - `rho_1 … rho_n` (Ω·m) and `thk_1 … thk_{n−1}` (m): one model per job, so the batch spec's
///     grids, sweeps and Monte Carlo draw the layer parameters directly; or
///   - `models` (a CSV or YAML model file as for `tem1d run`), with optional `chunk` (0-based) and
///     `chunk_size` (default: the whole file): rows chunk·size ..< (chunk+1)·size.
///
/// Outputs `dbzdt.csv` and `bz.csv`, wide tables `time_s,<model…>` (−dBz/dt in T/s/A, Bz in T/A; the
/// columns are `model_<row>` with the 0-based row of the model file, or `model` for a parameter
/// model) that `geotool plot decay` draws directly. Values: `model_count`, and for a parameter model the
/// response at every gate, `dbzdt_01 …` and `bz_01 …`, so `batch results --aggregate p5,p50,p95`
/// gives the spread of a Monte Carlo per gate. The system and the model file are read once per process.
public struct TEM1DChunkJob: JobRunner {
    public let kind = "tem1d-chunk"
    /// The two tables and the model count (per-gate values depend on the system: every result is in `${stage.results…}` by key).
    public let products = KindProducts(outputs: ["dbzdt", "bz"], results: ["model_count"])
    public let schema = ParameterSchema([
        ParameterDeclaration("system", .inputFile, required: true, help: "the TEM system YAML"),
        ParameterDeclaration("models", .inputFile, help: "a CSV or YAML model file (instead of rho_i/thk_i)"),
        ParameterDeclaration("chunk", .integer(0...Int(Int32.max)), default: 0, help: "0-based chunk of the model file"),
        ParameterDeclaration("chunk_size", .integer(1...Int(Int32.max)), help: "rows per chunk (default: the whole file)"),
        ParameterDeclaration("rho_", .number(1e-12...1e12), numbered: true, help: "layer resistivities (Ω·m), rho_1…rho_n"),
        ParameterDeclaration("thk_", .number(1e-12...1e12), numbered: true, help: "layer thicknesses (m), thk_1…thk_{n−1}"),
    ])

    public init() {}

    public func validate(parameters p: JobParameters) throws {
        let layered = p.keys.filter { $0.hasPrefix("rho_") || $0.hasPrefix("thk_") }
        switch (p["models"], layered.isEmpty) {
        case (.string?, true): break
        case (nil, false): _ = try Self.parameterModel(p)
        case (_?, false):
            throw BatchError.invalidSpec(path: "parameters.models", message: "give either a model file or rho_i/thk_i parameters, not both")
        default:
            throw BatchError.invalidSpec(path: "parameters", message: "tem1d-chunk needs a model: models (a file path) or rho_1…rho_n, thk_1…thk_{n−1}")
        }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let systemPath = p["system"]?.description ?? ""
        let modeller = try context.cache.value(for: "tem1d-system:\(systemPath)") {
            try ForwardModeller(system: try SystemFile.load(systemPath))
        }
        let models: [LayeredModel], labels: [String]
        if let file = p["models"]?.description {
            let all = try context.cache.value(for: "tem1d-models:\(file)") { try ModelInput(path: file).models }
            let size = Int(p["chunk_size"]?.doubleValue ?? Double(all.count))
            let start = Int(p["chunk"]?.doubleValue ?? 0) * size
            guard start < all.count else {
                throw BatchError.invalidSpec(path: "parameters.chunk", message: "starts at row \(start) but \(file) has \(all.count) models")
            }
            let rows = start..<min(all.count, start + size)
            models = Array(all[rows])
            labels = rows.map { "model_\($0)" }
        } else {
            models = [try Self.parameterModel(p)]
            labels = ["model"]
        }
        let workspace = ForwardWorkspace()
        var responses: [Response] = []
        responses.reserveCapacity(models.count)
        for (i, m) in models.enumerated() {
            if i % 64 == 0 { try context.checkCancelled() }
            responses.append(modeller.forward(m, workspace: workspace))
        }
        let times = modeller.system.times
        let outputs = [
            try context.writeOutput("dbzdt.csv") { try Self.table(times, labels, responses.map(\.dbzdt)).write(toFile: $0, atomically: false, encoding: .utf8) },
            try context.writeOutput("bz.csv") { try Self.table(times, labels, responses.map(\.bz)).write(toFile: $0, atomically: false, encoding: .utf8) },
        ]
        var values: [String: ParameterValue] = ["model_count": .number(Double(models.count))]
        if p["models"] == nil, let r = responses.first {
            let width = max(2, String(times.count).count)
            for g in times.indices {
                let tag = String(repeating: "0", count: width - String(g + 1).count) + String(g + 1)
                values["dbzdt_\(tag)"] = .number(r.dbzdt[g])
                values["bz_\(tag)"] = .number(r.bz[g])
            }
        }
        return JobResult(values: values, outputs: outputs)
    }

    /// The model given by `rho_1 … rho_n`, `thk_1 … thk_{n−1}`; errors name the parameter.
    static func parameterModel(_ p: JobParameters) throws -> LayeredModel {
        func values(_ prefix: String) throws -> [Double] {
            let keys = p.keys.filter { $0.hasPrefix(prefix) }
            var out = [Double](repeating: .nan, count: keys.count)
            for key in keys {
                guard let i = Int(key.dropFirst(prefix.count)), (1...keys.count).contains(i) else {
                    throw BatchError.invalidSpec(path: "parameters.\(key)", message: "\(prefix)i must be numbered 1…\(keys.count) without gaps")
                }
                guard let v = p[key]?.doubleValue, v.isFinite, v > 0 else {
                    throw BatchError.invalidSpec(path: "parameters.\(key)", message: "must be a finite number > 0")
                }
                out[i - 1] = v
            }
            return out
        }
        let rho = try values("rho_"), thk = try values("thk_")
        guard !rho.isEmpty, thk.count == rho.count - 1 else {
            throw BatchError.invalidSpec(path: "parameters", message: "a model of \(rho.count) layers needs thk_1…thk_\(max(0, rho.count - 1)), got \(thk.count)")
        }
        do { return try LayeredModel(resistivities: rho, thicknesses: thk) } catch {
            throw BatchError.invalidSpec(path: "parameters", message: "\(error)")
        }
    }

    /// `time_s,<label…>` then one row per gate, values in shortest round-trip form.
    static func table(_ times: [Double], _ labels: [String], _ columns: [[Double]]) -> String {
        CSVWriter.text([["time_s"] + labels] + times.indices.map { g in ([times[g]] + columns.map { $0[g] }).map { "\($0)" } })
    }
}
