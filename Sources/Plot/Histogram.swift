import Foundation
import GeoSupport

/// Counts of finite values in equal-width bins (the last bin includes its upper edge).
public struct Histogram: Sendable, Equatable {
    /// How bins are chosen.
    public enum Binning: Sendable, Equatable {
        /// This many equal-width bins over [min, max].
        case count(Int)
        /// Freedman–Diaconis width h = 2·IQR·n^(−1/3) (Sturges' log2(n)+1 bins when IQR = 0), at most 1000 bins.
        case auto
        /// Explicit increasing edges.
        case edges([Double])
    }

    /// `counts.count + 1` increasing bin edges.
    public let edges: [Double]
    public let counts: [Int]
    /// Number of finite values counted (values outside explicit edges are not counted).
    public var total: Int { counts.reduce(0, +) }

    public init(values: [Double], binning: Binning = .auto) throws(PlotError) {
        let v = values.filter(\.isFinite)
        var e: [Double]
        switch binning {
        case .edges(let given):
            guard given.count >= 2, zip(given, given.dropFirst()).allSatisfy({ $0 < $1 }) else {
                throw .invalidOption(name: "bins", reason: "edges must be at least 2 increasing values")
            }
            e = given
        case .count(let n):
            guard n >= 1, n <= 100_000 else { throw .invalidOption(name: "bins", reason: "\(n) (need 1…100000)") }
            e = Histogram.uniformEdges(v, bins: n)
        case .auto:
            e = Histogram.uniformEdges(v, bins: Histogram.freedmanDiaconisBins(v))
        }
        var c = [Int](repeating: 0, count: e.count - 1)
        let lo = e.first!, hi = e.last!, n = c.count
        let uniform: Bool
        if case .edges = binning { uniform = false } else { uniform = true }
        for x in v where x >= lo && x <= hi {
            var i: Int
            if uniform {
                i = CheckedSize.clamped(FiniteMath.fraction(x, from: lo, to: hi) * Double(n), to: 0...(n - 1))
                // Guard against rounding at interior edges.
                if x < e[i] { i -= 1 } else if i + 1 < n && x >= e[i + 1] { i += 1 }
            } else {
                var a = 0, b = n
                while b - a > 1 { let m = (a + b) / 2; if x >= e[m] { a = m } else { b = m } }
                i = a
            }
            c[i] += 1
        }
        edges = e
        counts = c
    }

    /// Freedman–Diaconis bin count for finite values `v` (1 for fewer than 2 distinct values).
    public static func freedmanDiaconisBins(_ v: [Double]) -> Int {
        guard v.count >= 2, let lo = v.min(), let hi = v.max(), hi > lo else { return 1 }
        let q = Percentiles.ofFinite(v, [25, 75])
        let h = 2 * (q[1] - q[0]) / cbrt(Double(v.count))
        guard h > 0 else { return min(max(Int(ceil(log2(Double(v.count)))) + 1, 1), 1000) }
        var bins = (hi - lo) / h
        // ±1e308 data: range and IQR overflow; their ratio is taken on halved values instead.
        if !bins.isFinite { bins = FiniteMath.halfSpan(lo, hi) / FiniteMath.halfSpan(q[0], q[1]) * cbrt(Double(v.count)) / 2 }
        return CheckedSize.clamped(bins, to: 1...1000, rounding: .up)
    }

    static func uniformEdges(_ v: [Double], bins n: Int) -> [Double] {
        guard var lo = v.min(), var hi = v.max() else { return [0, 1] }
        if lo == hi {
            // A constant: a unit-wide bin, or ±5 % where 0.5 is below the values' resolution.
            let d = lo + 0.5 == lo ? abs(lo) * 0.05 : 0.5
            lo = FiniteMath.clamp(lo - d); hi = FiniteMath.clamp(hi + d)
        }
        return (0...n).map { i in
            if i == n { return hi }
            let e = lo + (hi - lo) * Double(i) / Double(n)
            return e.isFinite ? e : FiniteMath.interpolate(lo, hi, Double(i) / Double(n))
        }
    }
}
