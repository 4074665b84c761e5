/// Ordinary least-squares line y = intercept + slope·x; pairs with a non-finite value are skipped.
public struct LinearFit: Sendable, Equatable {
    public let slope: Double
    public let intercept: Double
    /// Number of pairs used.
    public let count: Int

    /// The fit, or nil with fewer than 2 valid pairs or no spread in x.
    public init?(x: [Double], y: [Double]) {
        guard x.count == y.count else { return nil }
        var n = 0, sx = 0.0, sy = 0.0
        for i in x.indices where x[i].isFinite && y[i].isFinite { n += 1; sx += x[i]; sy += y[i] }
        guard n >= 2 else { return nil }
        let mx = sx / Double(n), my = sy / Double(n)
        var sxx = 0.0, sxy = 0.0
        for i in x.indices where x[i].isFinite && y[i].isFinite {
            sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my)
        }
        guard sxx > 0 else { return nil }
        slope = sxy / sxx
        intercept = my - slope * mx
        count = n
    }

    public func callAsFunction(_ x: Double) -> Double { intercept + slope * x }
}
