/// Ordinary least-squares line y = intercept + slope·x; pairs with a non-finite value are skipped.
public struct LinearFit: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    /// Number of pairs used.
    public let count: Int

    /// The fit, or nil with fewer than 2 valid pairs, no spread in x, or a line that is not finite.
    /// Data near ±1e308, whose sums of squares overflow, is fitted on copies scaled by powers of two
    /// (exact) and the line scaled back.
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count else { return nil }
        guard let (n, b, a) = Self.fit(x, y, 1, 1) else { return nil }
        if b.isFinite && a.isFinite {
            (slope, intercept) = (b, a)
        } else {
            let cx = Self.unitScale(x, y), cy = Self.unitScale(y, x)
            guard let (_, bs, as_) = Self.fit(x, y, cx, cy) else { return nil }
            (slope, intercept) = (bs * cx / cy, as_ / cy)
        }
        count = n
        guard slope.isFinite, intercept.isFinite else { return nil }
    }

    public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }

    /// (pairs, slope, intercept) of c·x against d·y over the pairs where both are finite.
    private static func fit(_ x: [Double], _ y: [Double], _ c: Double, _ d: Double) -> (Int, Double, Double)? {
        var n = 0, sx = 0.0, sy = 0.0
        for i in x.indices where x[i].isFinite && y[i].isFinite { n += 1; sx += c * x[i]; sy += d * y[i] }
        guard n >= 2 else { return nil }
        let mx = sx / Double(n), my = sy / Double(n)
        var sxx = 0.0, sxy = 0.0
        for i in x.indices where x[i].isFinite && y[i].isFinite {
            let dx = c * x[i] - mx, dy = d * y[i] - my
            sxx += dx * dx; sxy += dx * dy
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        return (n, slope, my - slope * mx)
    }

    /// A power of two that brings the largest finite |v| (of pairs with a finite partner) near 1.
    static func unitScale(_ v: [Double], _ partner: [Double]) -> Double {
        var m = 0.0
        for i in v.indices where v[i].isFinite && partner[i].isFinite { m = max(m, abs(v[i])) }
        guard m > 0, m.isNormal else { return 1 }
        return Double(sign: .plus, exponent: -m.exponent, significand: 1)
    }
}
