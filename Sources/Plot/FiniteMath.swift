import GeoSupport

/// Arithmetic on data values that stays finite for every finite input, including ±1e308 where a
/// plain `b − a` overflows to infinity. Each function gives the textbook formula's result when
/// that is finite (so ordinary plots are unchanged to the bit) and a halved-operand or clamped
/// equivalent otherwise.
enum FiniteMath {
    /// Largest finite magnitude; drawn ranges are clamped to ±this.
    static let limit = Double.greatestFiniteMagnitude

    /// `x` clamped to the finite range (NaN stays NaN).
    static func clamp(_ x: Double) -> Double { x.isNaN ? x : Swift.min(Swift.max(x, -limit), limit) }

    /// (v − a) / (b − a), the position of `v` in [a, b] as a fraction; finite inputs never give
    /// an overflow (the differences are taken on halved operands when needed).
    static func fraction(_ v: Double, from a: Double, to b: Double) -> Double {
        let num = v - a, den = b - a
        if num.isFinite && den.isFinite { return num / den }
        return (v / 2 - a / 2) / (b / 2 - a / 2)
    }

    /// a + f·(b − a): the value at fraction `f` of [a, b] (`Interpolation.linear`), clamped to the finite range.
    static func interpolate(_ a: Double, _ b: Double, _ f: Double) -> Double {
        clamp(Interpolation.linear(a, b, f))
    }

    /// (b − a) / 2 without overflow: half the width of [a, b].
    static func halfSpan(_ a: Double, _ b: Double) -> Double { b / 2 - a / 2 }

    /// [a, b] widened by `fraction` of its width on each side, clamped to the finite range.
    static func pad(_ a: Double, _ b: Double, by fraction: Double) -> (Double, Double) {
        let p = (b - a) * fraction
        if p.isFinite && (a - p).isFinite && (b + p).isFinite { return (a - p, b + p) }
        let r = halfSpan(a, b) * fraction * 2
        return (clamp(a - r), clamp(b + r))
    }
}
