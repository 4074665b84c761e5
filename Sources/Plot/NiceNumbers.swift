import Foundation

/// "Nice" numbers and loose tick labelling after Heckbert, "Nice numbers for graph labels",
/// Graphics Gems (1990): steps are 1, 2 or 5 × 10ᵏ.
public enum NiceNumbers {
    /// A nice number close to `x` > 0: rounded (1, 2, 5, 10 × 10ᵏ nearest) or the ceiling.
    public static func nice(_ x: Double, round: Bool) -> Double {
        guard x > 0, x.isFinite else { return 1 }
        let e = floor(log10(x))
        let f = x / pow(10, e)
        let nf: Double
        if round { nf = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10 }
        else { nf = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10 }
        return nf * pow(10, e)
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
        return (gmin, gmax, step, Swift.max(-Int(floor(log10(step))), 0))
    }

    /// Major tick values inside [lo, hi] (not widened) with about `count` ticks, and their step.
    /// The step is the rounded nice number of range/(count−1) (Heckbert's `nicenum(…, round: true)`
    /// without first widening the range, which would often double the step).
    public static func ticks(min lo: Double, max hi: Double, count: Int = 5) -> (values: [Double], step: Double) {
        var span = abs(hi - lo)
        if span == 0 { span = lo == 0 ? 1 : abs(lo) * 0.1 }
        let l = (step: nice(span / Double(Swift.max(count - 1, 1)), round: true), min: lo)
        let eps = l.step * 1e-9
        var values: [Double] = []
        var k = (Swift.min(lo, hi) / l.step - 1e-9).rounded(.up)
        while k * l.step <= Swift.max(lo, hi) + eps {
            let v = k * l.step
            values.append(abs(v) < eps ? 0 : v)
            k += 1
            if values.count > 1000 { break }
        }
        return (values, l.step)
    }

    /// Labels for values spaced by `step`: fixed decimals, or a shared power of ten
    /// ("2.5×10" with exponent "−7") when values are very large or very small. Uses U+2212 minus.
    public static func labels(_ values: [Double], step: Double) -> [TickLabel] {
        let maxAbs = values.map(abs).max() ?? 0
        let stepExp = Int(floor(log10(step)))
        let e = maxAbs > 0 ? Int(floor(log10(maxAbs))) : 0
        if maxAbs > 0 && (e >= 9 || e <= -4) {
            let digits = Swift.max(0, e - stepExp)
            return values.map { v in
                if v == 0 { return TickLabel("0") }
                return TickLabel(minus(String(format: "%.\(digits)f", v / pow(10, Double(e)))) + "×10",
                                 exponent: minus(String(e)))
            }
        }
        let digits = Swift.max(0, -stepExp)
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
