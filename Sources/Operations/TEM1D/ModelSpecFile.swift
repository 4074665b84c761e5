import TEM1D

/// The model specification file (YAML) that expands to many layered models, see fixtures/tem1d/spec.yaml:
///
/// ```yaml
/// mode: monte_carlo          # grid | sweep | monte_carlo
/// n: 200                     # monte_carlo: number of models (required)
/// seed: 42                   # monte_carlo: random seed (default 0); the same seed gives the same models
/// layers:                    # top to bottom; every layer but the last (the half-space) has thk
///   - rho: {log_uniform: {low: 10, high: 1000}}   # ohm·m
///     thk: {uniform: {low: 5, high: 50}}           # m
///   - rho: 10
///     thk: 30
///   - rho: {log_normal: {log10_mean: 2, log10_sd: 0.3}}
/// ```
///
/// A parameter (`rho` or `thk`) is a number (fixed), a list of values, or a one-key mapping:
/// `values: [..]`, `linspace: {start, stop, num}`, `logspace: {start, stop, num}` (values, not exponents),
/// and for monte_carlo only `uniform: {low, high}`, `log_uniform: {low, high}`, `normal: {mean, sd}`,
/// `log_normal: {log10_mean, log10_sd}`. Expansion order is that of `TEM1D.ModelSpec`: grid = Cartesian product
/// with the last parameter (rho_1…rho_n, thk_1…thk_{n−1}) varying fastest; sweep = the base model (first values)
/// then one parameter at a time; monte_carlo = per model, draws in parameter order from one seeded stream.
enum ModelSpecFile {
    static let keys = ["mode", "n", "seed", "layers"]
    static let modes = ["grid", "sweep", "monte_carlo"]
    static let randomKinds = ["uniform", "log_uniform", "normal", "log_normal"]
    static let kinds = ["values", "linspace", "logspace"] + randomKinds

    /// Reads, checks and expands a spec file; errors are one line naming the file and the key path or model.
    /// The model count is computed first and refused above `maxModels`, before anything is generated.
    static func load(_ file: String, maxModels: Int) throws -> [LayeredModel] {
        let root = try YAMLField.load(file: file)
        try root.checkKeys(keys)
        let modeField = try root.required("mode")
        let modeName = try modeField.text()
        guard modes.contains(modeName) else {
            throw modeField.error("unknown mode '\(modeName)' (expected one of: \(modes.joined(separator: ", ")))")
        }
        let random = modeName == "monte_carlo"
        let mode: ModelSpec.Mode
        if random {
            let n = try root.required("n").integer(in: 1...100_000_000)
            let seed = try root.optional("seed")?.integer(in: 0...Int.max) ?? 0
            mode = .monteCarlo(count: n, seed: UInt64(seed))
        } else {
            for key in ["n", "seed"] {
                if let f = try root.optional(key) { throw f.error("only used with mode: monte_carlo") }
            }
            mode = modeName == "grid" ? .grid : .sweep
        }
        let layers = try root.required("layers").items()
        guard !layers.isEmpty else { throw try root.required("layers").error("needs at least one layer") }
        var rho: [LayerParameterSpec] = [], thk: [LayerParameterSpec] = []
        for (i, layer) in layers.enumerated() {
            let last = i == layers.count - 1
            try layer.checkKeys(last ? ["rho"] : ["rho", "thk"])
            rho.append(try parameter(layer.required("rho"), what: "resistivity (ohm·m)", random: random))
            if !last { thk.append(try parameter(layer.required("thk"), what: "thickness (m)", random: random)) }
        }
        do {
            let spec = ModelSpec(resistivities: rho, thicknesses: thk, mode: mode)
            let count = try spec.count()
            guard count <= maxModels else { throw ModelCountError(path: file, count: count, limit: maxModels) }
            return try spec.expand()
        } catch let e as TEM1DError {
            throw OperationError("\(file): \(e)")
        }
    }

    /// One parameter: number, list, or one-key mapping (see the type's documentation).
    private static func parameter(_ field: YAMLField, what: String, random: Bool) throws -> LayerParameterSpec {
        if field.isSequence { return .values(try values(field, what: what)) }
        guard field.isMapping else { return .fixed(try field.positive(what)) }
        let (kind, body) = try field.singleKey(kinds)
        if randomKinds.contains(kind) && !random {
            throw field.error("'\(kind)' is random: use it with mode: monte_carlo")
        }
        switch kind {
        case "values": return .values(try values(body, what: what))
        case "linspace", "logspace": return try Spacing(body, what: what).spec(logarithmic: kind == "logspace")
        case "uniform", "log_uniform":
            try body.checkKeys(["low", "high"])
            let low = try body.required("low").positive(what), high = try body.required("high").positive(what)
            guard high > low else { throw body.error("high (\(high)) must be greater than low (\(low))") }
            return kind == "uniform" ? .uniform(low: low, high: high) : .logUniform(low: low, high: high)
        case "normal":
            try body.checkKeys(["mean", "sd"])
            return .normal(mean: try body.required("mean").positive(what),
                           sd: try body.required("sd").nonNegative("standard deviation"))
        default:
            try body.checkKeys(["log10_mean", "log10_sd"])
            return .logNormal(log10Mean: try body.required("log10_mean").number(),
                              log10SD: try body.required("log10_sd").nonNegative("standard deviation (log10)"))
        }
    }

    private static func values(_ field: YAMLField, what: String) throws -> [Double] {
        let items = try field.items()
        guard !items.isEmpty else { throw field.error("needs at least one value") }
        return try items.map { try $0.positive(what) }
    }
}
