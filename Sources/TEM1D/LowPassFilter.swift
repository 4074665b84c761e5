import Foundation

/// One receiver low-pass stage as GA-AEM defines it (`Receiver.LowPassFilter`, `src/tdemsystem.cpp`): `order`
/// identical first-order sections with cut-off `cutoff` (Hz), transfer function (1 + i f/fc)^(−order) for
/// e^{+iωt} time dependence — not a Butterworth filter. In the Laplace domain (s = iω) H(s) = (1 + s/ωc)^(−n),
/// ωc = 2π fc: causal, unit gain at DC, poles at s = −ωc on the negative real axis.
public struct LowPassFilter: Sendable, Hashable, Codable {
    /// Cut-off frequency fc, Hz (> 0).
    public var cutoff: Double
    /// Number of identical first-order sections (1…16).
    public var order: Int

    /// Orders a filter may have.
    public static let orders: ClosedRange<Int> = 1...16

    /// Creates and validates a filter stage.
    public init(cutoff: Double, order: Int) throws {
        self.cutoff = cutoff
        self.order = order
        try validate()
    }

    /// Cut-off finite and > 0, order within `orders`.
    public func validate() throws {
        guard cutoff > 0, cutoff.isFinite else {
            throw TEM1DError.invalidParameter(what: "filter cut-off frequency", value: cutoff, reason: "must be finite and > 0 Hz")
        }
        guard Self.orders.contains(order) else {
            throw TEM1DError.invalidParameter(what: "filter order", value: Double(order), reason: "must be an integer within 1…16")
        }
    }

    /// ωc = 2π fc, rad/s.
    var angularCutoff: Double { 2 * Double.pi * cutoff }

    /// H(s) = (1 + s/ωc)^(−order).
    func transfer(_ s: Complex) -> Complex {
        let z = Complex(1 + s.re / angularCutoff, s.im / angularCutoff)
        var p = Complex.one
        for _ in 0..<order { p = p * z }
        return Complex.one / p
    }

    /// Taylor coefficients h_0…h_{count−1} of H(s) = Σ h_j s^j about s = 0 (h_0 = 1):
    /// (1 + x)^(−n) = Σ_m (−1)^m C(n + m − 1, m) x^m with x = s/ωc.
    func taylor(count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        var c = 1.0
        for m in 0..<count {
            out[m] = c
            c *= -Double(order + m) / Double(m + 1) / angularCutoff
        }
        return out
    }
}

extension Array where Element == LowPassFilter {
    /// The cascade's transfer function Π H_j(s) (1 for no filter).
    func transfer(_ s: Complex) -> Complex {
        reduce(Complex.one) { $0 * $1.transfer(s) }
    }

    /// Taylor coefficients of the cascade (product of the stages' series, truncated to `count` terms).
    func taylor(count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: count)
        out[0] = 1
        for f in self {
            let t = f.taylor(count: count)
            var next = [Double](repeating: 0, count: count)
            for i in 0..<count { for j in 0..<(count - i) { next[i + j] += out[i] * t[j] } }
            out = next
        }
        return out
    }
}
