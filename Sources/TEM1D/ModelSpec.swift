import GeoSupport
import Foundation

/// How one model parameter (a resistivity in Ω·m or a thickness in m) is generated.
public enum LayerParameterSpec: Sendable, Hashable, Codable {
    /// A constant.
    case fixed(Double)
    /// Explicit values.
    case values([Double])
    /// `count` values linearly spaced from `from` to `to` inclusive.
    case linspace(from: Double, to: Double, count: Int)
    /// `count` values logarithmically spaced from `from` to `to` inclusive (both > 0).
    case logspace(from: Double, to: Double, count: Int)
    /// Monte Carlo: uniform in [low, high).
    case uniform(low: Double, high: Double)
    /// Monte Carlo: log-uniform, i.e. log10 uniform in [log10 low, log10 high) (both > 0).
    case logUniform(low: Double, high: Double)
    /// Monte Carlo: normal with `mean` and standard deviation `sd` (a draw ≤ 0 is an error: prefer `.logNormal`).
    case normal(mean: Double, sd: Double)
    /// Monte Carlo: log10 of the value is normal(log10Mean, log10SD).
    case logNormal(log10Mean: Double, log10SD: Double)

    /// The deterministic values of a non-random spec (nil for random kinds).
    public func deterministicValues() throws -> [Double]? {
        switch self {
        case let .fixed(v): return [v]
        case let .values(v):
            guard !v.isEmpty else { throw TEM1DError.invalidSpec("empty value list") }
            return v
        case let .linspace(a, b, n):
            guard n >= 1 else { throw TEM1DError.invalidSpec("linspace count must be >= 1, got \(n)") }
            return n == 1 ? [a] : (0..<n).map { a + (b - a) * Double($0) / Double(n - 1) }
        case let .logspace(a, b, n):
            guard n >= 1 else { throw TEM1DError.invalidSpec("logspace count must be >= 1, got \(n)") }
            guard a > 0, b > 0 else { throw TEM1DError.invalidSpec("logspace bounds must be > 0, got \(a)...\(b)") }
            let la = log10(a), lb = log10(b)
            return n == 1 ? [a] : (0..<n).map { i in
                i == 0 ? a : (i == n - 1 ? b : pow(10, la + (lb - la) * Double(i) / Double(n - 1)))
            }
        case .uniform, .logUniform, .normal, .logNormal:
            return nil
        }
    }

    /// Number of deterministic values (nil for random kinds), without generating them.
    public func valueCount() throws -> Int? {
        switch self {
        case .fixed: return 1
        case let .linspace(_, _, n), let .logspace(_, _, n):
            guard n >= 1 else { throw TEM1DError.invalidSpec("spacing count must be >= 1, got \(n)") }
            return n
        case .values, .uniform, .logUniform, .normal, .logNormal:
            return try deterministicValues()?.count
        }
    }

    /// One draw (random kinds) or the first value (deterministic kinds).
    func draw(_ rng: inout SeededGenerator) throws -> Double {
        switch self {
        case let .uniform(lo, hi): return lo + (hi - lo) * rng.nextUnit()
        case let .logUniform(lo, hi):
            guard lo > 0, hi > 0 else { throw TEM1DError.invalidSpec("logUniform bounds must be > 0, got \(lo)...\(hi)") }
            return pow(10, log10(lo) + (log10(hi) - log10(lo)) * rng.nextUnit())
        case let .normal(m, sd): return m + sd * rng.nextNormal()
        case let .logNormal(m, sd): return pow(10, m + sd * rng.nextNormal())
        default:
            return try deterministicValues()![0]
        }
    }
}

/// A specification that expands to a list of `LayeredModel`s with a fixed layer count.
///
/// * `.grid`: Cartesian product of every parameter's value list (fixed/values/linspace/logspace); order is
///   row-major over (ρ_1…ρ_n, h_1…h_{n−1}) with the **last** parameter varying fastest. Count = Π counts.
/// * `.sweep`: one parameter at a time: the base model has every parameter at its first value; then each
///   parameter with more than one value is swept over its values while the others stay at base (its first value
///   is not repeated). Count = 1 + Σ (count_p − 1).
/// * `.monteCarlo(count, seed)`: `count` models; for each model in turn, parameters are drawn in the order
///   ρ_1…ρ_n, h_1…h_{n−1} from one `SeededGenerator(seed:)` stream (fixed parameters draw nothing). The same seed
///   gives the same models on every platform.
public struct ModelSpec: Sendable, Hashable, Codable {
    public enum Mode: Sendable, Hashable, Codable {
        case grid
        case sweep
        case monteCarlo(count: Int, seed: UInt64)
    }
    public var resistivities: [LayerParameterSpec]
    public var thicknesses: [LayerParameterSpec]
    public var mode: Mode

    public init(resistivities: [LayerParameterSpec], thicknesses: [LayerParameterSpec], mode: Mode) {
        self.resistivities = resistivities
        self.thicknesses = thicknesses
        self.mode = mode
    }

    /// Number of models `expand()` returns, computed from the parameters' value counts without generating
    /// any model; a count beyond `Int.max` is an error (it could never be expanded).
    public func count() throws -> Int {
        try checkShape()
        switch mode {
        case .grid:
            return try allParameters.reduce(1) { acc, p in
                guard let n = try p.valueCount() else { throw TEM1DError.invalidSpec("random distribution in a grid") }
                let (product, overflow) = acc.multipliedReportingOverflow(by: n)
                guard !overflow else { throw TEM1DError.invalidSpec("the grid has more than \(Int.max) models") }
                return product
            }
        case .sweep:
            return try allParameters.reduce(1) { acc, p in
                guard let n = try p.valueCount() else { throw TEM1DError.invalidSpec("random distribution in a sweep") }
                return acc + n - 1
            }
        case let .monteCarlo(n, _):
            guard n >= 0 else { throw TEM1DError.invalidSpec("Monte Carlo count must be >= 0, got \(n)") }
            return n
        }
    }

    /// Expands the spec into validated models.
    /// - Throws: `TEM1DError.invalidSpec` for inconsistent specs, `.invalidModel` (with the model index) when a
    ///   generated value is not a valid resistivity/thickness (e.g. a normal draw ≤ 0).
    public func expand() throws -> [LayeredModel] {
        let n = try count()
        let params = allParameters
        let nRho = resistivities.count
        var out: [LayeredModel] = []
        out.reserveCapacity(n)
        func make(_ values: [Double]) throws -> LayeredModel {
            let m = LayeredModel(unchecked: Array(values[0..<nRho]), thicknesses: Array(values[nRho...]))
            do { try m.validate() } catch let e as TEM1DError {
                throw TEM1DError.invalidModel(index: out.count, message: e.description)
            }
            return m
        }
        switch mode {
        case .grid:
            let lists = try params.map { try $0.deterministicValues()! }
            var idx = [Int](repeating: 0, count: lists.count)
            for _ in 0..<n {
                out.append(try make(zip(lists, idx).map { $0[$1] }))
                var p = lists.count - 1
                while p >= 0 {
                    idx[p] += 1
                    if idx[p] < lists[p].count { break }
                    idx[p] = 0
                    p -= 1
                }
            }
        case .sweep:
            let lists = try params.map { try $0.deterministicValues()! }
            let base = lists.map { $0[0] }
            out.append(try make(base))
            for (p, list) in lists.enumerated() {
                for v in list.dropFirst() {
                    var values = base
                    values[p] = v
                    out.append(try make(values))
                }
            }
        case let .monteCarlo(count, seed):
            var rng = SeededGenerator(seed: seed)
            for _ in 0..<count {
                out.append(try make(try params.map { try $0.draw(&rng) }))
            }
        }
        return out
    }

    private var allParameters: [LayerParameterSpec] { resistivities + thicknesses }

    private func checkShape() throws {
        guard !resistivities.isEmpty else { throw TEM1DError.invalidSpec("at least one resistivity is required") }
        guard thicknesses.count == resistivities.count - 1 else {
            throw TEM1DError.invalidSpec("\(resistivities.count) resistivities need \(resistivities.count - 1) thicknesses, got \(thicknesses.count)")
        }
    }
}
