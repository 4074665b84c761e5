import Foundation

/// Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n; accurate to ~1e-15).
enum GaussLegendre {
    static func rule(_ n: Int) -> (nodes: [Double], weights: [Double]) {
        precondition(n >= 1)
        var x = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        for i in 0..<(n + 1) / 2 {
            var z = cos(Double.pi * (Double(i) + 0.75) / (Double(n) + 0.5))
            var dp = 0.0
            for _ in 0..<100 {
                var p0 = 1.0, p1 = 0.0
                for j in 1...n {
                    let p2 = p1
                    p1 = p0
                    p0 = ((2 * Double(j) - 1) * z * p1 - (Double(j) - 1) * p2) / Double(j)
                }
                dp = Double(n) * (z * p0 - p1) / (z * z - 1)
                let dz = p0 / dp
                z -= dz
                if abs(dz) < 1e-16 { break }
            }
            x[i] = -z
            x[n - 1 - i] = z
            w[i] = 2 / ((1 - z * z) * dp * dp)
            w[n - 1 - i] = w[i]
        }
        return (x, w)
    }

    /// Rule for ∫_{t1}^{t2} f(t) dt with the substitution t = e^v (v uniform): returns (t_i, weight_i) so that
    /// ∫ f dt ≈ Σ weight_i f(t_i). Suited to power-law decays (t1 > 0).
    static func logRule(from t1: Double, to t2: Double, order n: Int) -> [(t: Double, w: Double)] {
        let (x, w) = rule(n)
        let v1 = log(t1), v2 = log(t2)
        let half = 0.5 * (v2 - v1), mid = 0.5 * (v2 + v1)
        return (0..<n).map { i in
            let t = exp(mid + half * x[i])
            return (t, w[i] * half * t)
        }
    }
}

/// Maps the gates of a system (with ramp and boxcar integration) onto point samples of the ideal step-off
/// response: gate value g = Σ_i q_{g,i} f(t_i).
///
/// - Ramp (duration τ > 0): f_ramp(t) = (1/τ) ∫_t^{t+τ} f_step(t') dt' (Gauss–Legendre in ln t', `rampOrder` points).
/// - Boxcar gate [t1, t2]: (1/(t2 − t1)) ∫_{t1}^{t2} f_ramp(t) dt (Gauss–Legendre in ln t, `gateOrder` points).
/// - Point gate without ramp: a single sample with weight 1.
struct TimeSampling: Sendable {
    /// Sorted, unique sample times (s).
    let times: [Double]
    /// Per gate: (sample index, weight).
    let gateWeights: [[(index: Int, weight: Double)]]

    init(system: TEMSystem, gateOrder: Int = 8, rampOrder: Int = 12) {
        var perGate: [[(t: Double, w: Double)]] = []
        let tau = system.rampTime
        for g in system.gates {
            let outer: [(t: Double, w: Double)] = g.isPoint
                ? [(g.open, 1.0)]
                : GaussLegendre.logRule(from: g.open, to: g.close, order: gateOrder).map { ($0.t, $0.w / (g.close - g.open)) }
            if tau > 0 {
                var list: [(t: Double, w: Double)] = []
                for o in outer {
                    for r in GaussLegendre.logRule(from: o.t, to: o.t + tau, order: rampOrder) {
                        list.append((r.t, o.w * r.w / tau))
                    }
                }
                perGate.append(list)
            } else {
                perGate.append(outer)
            }
        }
        let unique = Array(Set(perGate.flatMap { $0.map(\.t) })).sorted()
        var index: [Double: Int] = [:]
        for (i, t) in unique.enumerated() { index[t] = i }
        times = unique
        gateWeights = perGate.map { list in list.map { (index[$0.t]!, $0.w) } }
    }
}
