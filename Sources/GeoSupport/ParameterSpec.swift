import Foundation

/// How one parameter varies across a parameter space (`parameters.<name>: {…}` in a batch spec, `rho:` / `thk:`
/// of a layer in a TEM1D model spec): the one spec vocabulary of geotool.
public enum ParameterSpec: Sendable, Equatable {
    /// A constant (`value: x`, or a bare scalar).
    case value(ParameterValue)
    /// Explicit values, zipped with every other `list` parameter: item i of each list forms
    /// scenario i (all lists must have the same length).
    case list([ParameterValue])
    /// Explicit values forming one axis of the Cartesian product.
    case grid([ParameterValue])
    /// Generated values forming one axis of the Cartesian product.
    case sweep(Sweep)
    /// Sampled `monte_carlo.n` times per combination.
    case monteCarlo(Distribution)

    /// Parses `{value|list|grid|sweep|monte_carlo: …}` or a bare scalar.
    public static func parse(_ node: SpecNode) throws -> ParameterSpec {
        guard node.isMapping else { return .value(try node.parameterValue()) }
        let keys = try node.mapping().keys
        guard keys.count == 1, let key = keys.first else {
            throw node.fail("must have exactly one of: value, list, grid, sweep, monte_carlo")
        }
        let child = try node.required(key)
        switch key {
        case "value": return .value(try child.parameterValue())
        case "list", "grid":
            let values = try child.sequence().map { try $0.parameterValue() }
            guard !values.isEmpty else { throw child.fail("must not be empty") }
            return key == "list" ? .list(values) : .grid(values)
        case "sweep": return .sweep(try Sweep.parse(child))
        case "monte_carlo": return .monteCarlo(try Distribution.parse(child))
        default:
            throw SpecError(path: child.path, message: "unknown key (expected one of: grid, list, monte_carlo, sweep, value)")
        }
    }
}

/// A generated axis: `linspace` (num points from start to stop inclusive), `logspace` (num points
/// geometrically spaced from start to stop, both > 0) or `range` (start, start+step, … ≤ stop).
public enum Sweep: Sendable, Equatable {
    case linspace(start: Double, stop: Double, num: Int)
    case logspace(start: Double, stop: Double, num: Int)
    case range(start: Double, stop: Double, step: Double)

    /// Number of values, computed without generating them.
    public var count: Int {
        switch self {
        case .linspace(_, _, let n), .logspace(_, _, let n): return n
        case .range(let a, let b, let s):
            let steps = ((b - a) / s * (1 + 1e-12)).rounded(.down)
            return steps.isFinite && steps >= 0 ? Int(min(steps, 1e15)) + 1 : 0
        }
    }

    /// Value `i` (0 ≤ i < count), identical to `values[i]`.
    public func value(at i: Int) -> Double {
        switch self {
        case .linspace(let a, let b, let n):
            return n == 1 ? a : (i == n - 1 ? b : a + (b - a) * Double(i) / Double(n - 1))
        case .logspace(let a, let b, let n):
            if i == 0 { return a }
            if i == n - 1 { return b }
            return pow(10, Sweep.linspace(start: log10(a), stop: log10(b), num: n).value(at: i))
        case .range(let a, _, let s):
            return a + Double(i) * s
        }
    }

    /// The axis values.
    public var values: [Double] { (0..<count).map(value(at:)) }

    /// Parses `{start, stop, num [, scale: linear|log]}` or `{start, stop, step}`.
    public static func parse(_ node: SpecNode) throws -> Sweep {
        try node.checkKeys(["start", "stop", "num", "step", "scale"])
        let start = try node.required("start").double(), stop = try node.required("stop").double()
        let scale = try node.optional("scale")?.string() ?? "linear"
        if let stepNode = try node.optional("step") {
            if try node.optional("num") != nil { throw node.fail("give either num or step, not both") }
            let step = try stepNode.double()
            guard step != 0 else { throw stepNode.fail("must not be 0") }
            guard (stop - start) / step >= 0 else { throw stepNode.fail("must have the sign of stop − start") }
            guard (stop - start) / step < 10_000_000 else { throw stepNode.fail("gives more than 10,000,000 values") }
            guard scale == "linear" else { throw node.fail("scale: log needs num, not step") }
            return .range(start: start, stop: stop, step: step)
        }
        let numNode = try node.required("num")
        let num = try numNode.int()
        guard num > 0 else { throw numNode.fail("must be > 0") }
        switch scale {
        case "linear": return .linspace(start: start, stop: stop, num: num)
        case "log":
            guard start > 0 else { throw SpecError(path: node.child("start"), message: "must be > 0 for scale: log") }
            guard stop > 0 else { throw SpecError(path: node.child("stop"), message: "must be > 0 for scale: log") }
            return .logspace(start: start, stop: stop, num: num)
        default:
            throw SpecError(path: node.child("scale"), message: "must be linear or log")
        }
    }
}
