import Foundation

/// "Nice" numbers and loose tick labelling after Heckbert, "Nice numbers for graph labels",
/// Graphics Gems (1990): steps are 1, 2 or 5 × 10ᵏ.
public enum NiceNumbers {
    /// A nice number close to `x` > 0: rounded (1, 2, 5, 10 × 10ᵏ nearest) or the ceiling.
    /// The result is always positive and finite (clamped to the largest finite or smallest
    /// subnormal magnitude at the ends of the Double range).
    public static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let e = floor(log10(x))
        // 10ᵉ underflows to 0 below 1e-323: scale by 10³⁰⁰ first there.
        let f = e < -300 ? (x * 1e300) / pow(10, e + 300) : x / pow(10, e)
        let nf: Double
        if round { nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 }
        else { nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        let v = e < -300 ? nf * pow(10, e + 300) / 1e300 : nf * pow(10, e)
        return Swift.min(Swift.max(v, .leastNonzeroMagnitude), FiniteMath.limit)
    }

    /// ⌊log10 |x|⌋ for finite non-zero `x` (within −324…308), 0 otherwise.
    static func decimalExponent(_ x: Double) -> Int {
        guard x.isFinite, x != 0 else { return 0 }
        return Int(floor(log10(abs(x))))
    }

    /// `v` / 10ᵉ without the power over- or underflowing.
    static func scaled(_ v: Double, byPowerOfTen e: Int) -> Double {
        if e < -300 { return (v * 1e300) / pow(10, Double(e + 300)) }
        if e > 300 { return (v / 1e300) / pow(10, Double(e - 300)) }
        return v / pow(10, Double(e))
    }

    /// Heckbert's loose labelling of [min, max] with about `count` ticks: the graph range is
    /// widened to multiples of the step. `fractionDigits` is the number of decimals the labels need.
    public static func loose(min lo: Double, max hi: Double, count: Int = 5)
        -> (min: Double, max: Double, step: Double, fractionDigits: Int) {
        var lo = lo, hi = hi
        if hi < lo { swap(&lo, &hi) }
        if hi == lo { let d = lo == 0 ? 1 : abs(lo) * 0.1; lo -= d; hi += d }
        let range = nice(hi - lo, round: false)
        let step = nice(range / Double(Swift.max(count - 1, 1)), round: true)
        let gmin = floor(lo / step) * step, gmax = ceil(hi / step) * step
        return (gmin, gmax, step, Swift.max(-decimalExponent(step), 0))
    }

    /// Major tick values inside [lo, hi] (not widened) with about `count` ticks, and their step.
    /// The step is the rounded nice number of range/(count−1) (Heckbert's `nicenum(…, round: true)`
    /// without first widening the range, which would often double the step).
    public static func ticks(min lo: Double, max hi: Double, count: Int = 5) -> (values: [Double], step: Double) {
        guard lo.isFinite, hi.isFinite else { return ([], 1) }
        let intervals = Double(Swift.max(count - 1, 1))
        var span = abs(hi - lo)
        if span == 0 { span = lo == 0 ? 1 : abs(lo) * 0.1 }
        // A span that overflows (±1e308 data) is divided before it is taken.
        let raw = span.isFinite ? span / intervals : abs(FiniteMath.halfSpan(lo, hi)) / intervals * 2
        let l = (step: nice(raw.isFinite ? raw : FiniteMath.limit, round: true), min: lo)
        let eps = l.step * 1e-9
        let top = Swift.max(lo, hi), limit = (top + eps).isFinite ? top + eps : top
        var values: [Double] = []
        var k = (Swift.min(lo, hi) / l.step - 1e-9).rounded(.up)
        while k * l.step <= limit {
            let v = k * l.step
            // Stop when a step no longer moves the value (k beyond 2⁵³) or overflows.
            guard v.isFinite, values.last.map({ v > $0 }) ?? true else { break }
            values.append(abs(v) < eps ? 0 : v)
            k += 1
            if values.count > 1000 { break }
        }
        return (values, l.step)
    }

    /// Labels for values spaced by `step`: fixed decimals, or a shared power of ten
    /// ("2.5×10" with exponent "−7") when values are very large or very small. Uses U+2212 minus.
    public static func labels(_ values: [Double], step: Double) -> [TickLabel] {
        let maxAbs = values.filter(\.isFinite).map(abs).max() ?? 0
        let stepExp = step > 0 ? decimalExponent(step) : 0
        let e = decimalExponent(maxAbs)
        // At most 17 decimals: a Double has no more significant digits to show.
        if maxAbs > 0 && (e >= 9 || e <= -4) {
            let digits = Swift.min(Swift.max(0, e - stepExp), 17)
            return values.map { v in
                if v == 0 { return TickLabel("0") }
                return TickLabel(minus(String(format: "%.\(digits)f", scaled(v, byPowerOfTen: e))) + "×10",
                                 exponent: minus(String(e)))
            }
        }
        let digits = Swift.min(Swift.max(0, -stepExp), 17)
        return values.map { TickLabel(minus(String(format: "%.\(digits)f", $0 == 0 ? 0 : $0))) }
    }

    /// Replaces ASCII hyphen-minus with the typographic minus sign.
    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }

    /// A compact label for one number (metrics text, colorbar), with about `significant` digits.
    public static func format(_ v: Double, significant: Int = 4) -> String {
        guard v.isFinite else { return v.isNaN ? "NaN" : (v > 0 ? "∞" : "−∞") }
        if v == 0 { return "0" }
        let e = Int(floor(log10(abs(v))))
        if e >= 6 || e <= -4 { return minus(String(format: "%.\(Swift.max(significant - 1, 0))e", v)) }
        return minus(String(format: "%.\(Swift.max(significant - 1 - e, 0))f", v))
    }
}
