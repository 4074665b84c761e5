import Foundation
import GeoSupport
import TEM1D

/// A TEM1D model spec in geotool's one spec vocabulary — the same `ParameterSpec` forms as a batch spec's
/// `parameters` (value, list, grid, sweep, monte_carlo with the same distribution names and keys), so a
/// layer's `rho` reads exactly like a `tem1d-chunk` batch's `rho_1`:
///
/// ```yaml
/// layers:                                   # top to bottom; every layer but the last (the half-space) has thk
///   - rho: {monte_carlo: {distribution: log_uniform, low: 30, high: 1000}}   # ohm·m
///     thk: {sweep: {start: 5, stop: 40, num: 4}}                             # m
///   - rho: {grid: [10, 30]}
///     thk: 30
///   - rho: 300
/// monte_carlo: {n: 20, seed: 42}             # samples per combination (required with monte_carlo)
/// design: factorial                          # factorial (every combination) | one_at_a_time
/// ```
///
/// Layer parameters are named `rho_1…rho_n`, `thk_1…thk_{n−1}` and expand in that order, as a
/// `ParameterSpace` (axes: last fastest; Monte Carlo sample i draws from `SplitMix64(mix(seed, i))`). The
/// older keys (`mode: grid|sweep|monte_carlo`, `n`, `values`, `linspace`, `logspace`, `uniform`, …) still
/// work through `ModelSpecFile`, with a one-line deprecation note; the README maps them to these.
public enum ModelSpaceFile {
    static let keys: Set<String> = ["layers", "monte_carlo", "design"]

    /// Reads, checks and expands `file`; the model count is computed before anything is generated and
    /// refused above `maxModels`. Errors are one line naming the file and the key path or model.
    /// `deprecatedKeys`: the file used the old keys (read by `ModelSpecFile`).
    public static func load(_ file: String, maxModels: Int) throws -> (models: [LayeredModel], deprecatedKeys: Bool) {
        let document: Any?
        do { document = try YAMLDocument.load(try SpecText.read(file)) } catch let e as SpecError {
            throw OperationError("\(e)")
        } catch {
            throw OperationError("\(file): \(error)")
        }
        guard let document else { throw OperationError("\(file): the file is empty") }
        if let root = document as? [String: Any], root["mode"] != nil {
            return (try ModelSpecFile.load(file, maxModels: maxModels), true)
        }
        do {
            let (space, layerCount) = try space(SpecNode(document, path: ""))
            guard let count = try space.count() else {
                throw ModelCountError(path: file, count: nil, limit: maxModels)
            }
            guard count <= maxModels else { throw ModelCountError(path: file, count: count, limit: maxModels) }
            var models: [LayeredModel] = []
            models.reserveCapacity(count)
            try space.forEachPoint { point in
                let value = { (name: String) -> Double in point[name]?.doubleValue ?? .nan }
                let rho = (1...layerCount).map { value("rho_\($0)") }
                let thk = (1..<layerCount).map { value("thk_\($0)") }
                do { models.append(try LayeredModel(resistivities: rho, thicknesses: thk)) } catch {
                    throw OperationError("\(file): model \(models.count): \(error)")
                }
            }
            return (models, false)
        } catch let e as SpecError {
            throw OperationError("\(file): \(e)")
        }
    }

    /// The parameter space of a spec document and its layer count.
    public static func space(_ root: SpecNode) throws -> (ParameterSpace, Int) {
        try root.checkKeys(keys)
        let layersNode = try root.required("layers")
        let layers = try layersNode.sequence()
        guard !layers.isEmpty else { throw layersNode.fail("needs at least one layer") }
        var parameters: [String: ParameterSpec] = [:], order: [String] = [], thicknesses: [String] = []
        var locations: [String: String] = [:]
        for (i, layer) in layers.enumerated() {
            let last = i == layers.count - 1
            try layer.checkKeys(last ? ["rho"] : ["rho", "thk"])
            for (key, name) in [("rho", "rho_\(i + 1)"), ("thk", "thk_\(i + 1)")] where key == "rho" || !last {
                let node = try layer.required(key)
                let spec = try ParameterSpec.parse(node)
                try requireNumbers(spec, node)
                parameters[name] = spec
                locations[name] = node.path
                if key == "rho" { order.append(name) } else { thicknesses.append(name) }
            }
        }
        var space = ParameterSpace(parameters: parameters, order: order + thicknesses)
        try space.readSampling(root, path: { locations[$0] ?? $0 })
        return (space, layers.count)
    }

    /// Layer parameters are numbers: a list or grid of words is an error at the parameter.
    private static func requireNumbers(_ spec: ParameterSpec, _ node: SpecNode) throws {
        let values: [ParameterValue]
        switch spec {
        case .value(let v): values = [v]
        case .list(let v), .grid(let v): values = v
        case .sweep, .monteCarlo: return
        }
        for v in values where v.doubleValue == nil || !(v.doubleValue!.isFinite) {
            throw node.fail("must be numbers, got '\(v)'")
        }
    }
}
