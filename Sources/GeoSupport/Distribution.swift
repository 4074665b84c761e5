import Foundation

/// A Monte Carlo distribution of one parameter.
public enum Distribution: Sendable, Equatable {
    /// Uniform on [low, high).
    case uniform(low: Double, high: Double)
    /// log X uniform: X in [low, high), both > 0.
    case logUniform(low: Double, high: Double)
    /// Normal(mean, std).
    case normal(mean: Double, std: Double)
    /// Normal(mean, std) restricted to [low, high] (rejection sampling).
    case truncatedNormal(mean: Double, std: Double, low: Double, high: Double)
    /// log10 X is Normal(log10Mean, log10Std): X > 0 (resistivities, conductivities).
    case logNormal(log10Mean: Double, log10Std: Double)

    /// Draws one value. Uses only `SplitMix64.unit()`, so samples are identical on every platform.
    public func sample(_ rng: inout SplitMix64) -> Double {
        switch self {
        case .uniform(let a, let b): return a + (b - a) * rng.unit()
        case .logUniform(let a, let b): return exp(log(a) + (log(b) - log(a)) * rng.unit())
        case .normal(let m, let s): return m + s * Self.standardNormal(&rng)
        case .logNormal(let m, let s): return pow(10, m + s * Self.standardNormal(&rng))
        case .truncatedNormal(let m, let s, let a, let b):
            // Acceptance ≥ 1e-4 is checked at parse time, so this ends quickly.
            while true {
                let x = m + s * Self.standardNormal(&rng)
                if x >= a && x <= b { return x }
            }
        }
    }

    /// Box–Muller (one of the pair), from two uniforms; 1 − u keeps log away from 0.
    static func standardNormal(_ rng: inout SplitMix64) -> Double {
        let u1 = 1 - rng.unit(), u2 = rng.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// Probability mass of Normal(mean, std) inside [low, high].
    static func normalMass(mean: Double, std: Double, low: Double, high: Double) -> Double {
        let z = { (x: Double) in 0.5 * erfc(-(x - mean) / (std * 2.0.squareRoot())) }
        return z(high) - z(low)
    }

    /// Parses `{distribution: uniform|log_uniform|normal|truncated_normal|log_normal, …}`.
    public static func parse(_ node: SpecNode) throws -> Distribution {
        let name = try node.required("distribution").string()
        func num(_ k: String) throws -> (Double, String) { (try node.required(k).double(), node.child(k)) }
        switch name {
        case "uniform", "log_uniform", "loguniform":
            try node.checkKeys(["distribution", "low", "high"])
            let (a, _) = try num("low"), (b, bp) = try num("high")
            guard b > a else { throw SpecError(path: bp, message: "must be > low") }
            if name == "uniform" { return .uniform(low: a, high: b) }
            guard a > 0 else { throw SpecError(path: node.child("low"), message: "must be > 0 for log_uniform") }
            return .logUniform(low: a, high: b)
        case "normal":
            try node.checkKeys(["distribution", "mean", "std"])
            let (m, _) = try num("mean"), (s, sp) = try num("std")
            guard s > 0 else { throw SpecError(path: sp, message: "must be > 0") }
            return .normal(mean: m, std: s)
        case "log_normal":
            try node.checkKeys(["distribution", "log10_mean", "log10_std"])
            let (m, _) = try num("log10_mean"), (s, sp) = try num("log10_std")
            guard s >= 0 else { throw SpecError(path: sp, message: "must be ≥ 0") }
            return .logNormal(log10Mean: m, log10Std: s)
        case "truncated_normal":
            try node.checkKeys(["distribution", "mean", "std", "low", "high"])
            let (m, _) = try num("mean"), (s, sp) = try num("std"), (a, _) = try num("low"), (b, bp) = try num("high")
            guard s > 0 else { throw SpecError(path: sp, message: "must be > 0") }
            guard b > a else { throw SpecError(path: bp, message: "must be > low") }
            guard normalMass(mean: m, std: s, low: a, high: b) >= 1e-4 else {
                throw SpecError(path: node.path, message: "[low, high] holds < 0.01 % of the normal's mass")
            }
            return .truncatedNormal(mean: m, std: s, low: a, high: b)
        default:
            throw SpecError(path: node.child("distribution"),
                                         message: "unknown '\(name)' (expected uniform, log_uniform, normal, truncated_normal, log_normal)")
        }
    }
}
