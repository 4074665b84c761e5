import Foundation

/// One moment's gates as fixed linear functionals of the Laplace-domain earth response S(s) at the instrument's
/// shared contour nodes (see `InstrumentModeller`): gate = Σ_q Im(Ω_q R_q) + Σ_w (α_w S∞ A_w + β_w c1 B_w), where
/// R = S − α_w S∞ − β_w c1 s on window w. Everything model-independent — waveform, repetition, window weighting,
/// filters, contour weights — is folded into Ω, A and B once per instrument.
struct MomentWeights: Sendable {
    let gateCount: Int
    let nodeCount: Int
    let windowCount: Int
    /// Ω for −dBz/dt and for Bz, [gate][node], real and imaginary parts.
    var dbRe: [Double], dbIm: [Double], bRe: [Double], bIm: [Double]
    /// Add-back coefficients of S∞ and of c1, [gate][window], for −dBz/dt and for Bz.
    var dbSInf: [Double], dbC1: [Double], bSInf: [Double], bC1: [Double]

    init(gateCount: Int, nodeCount: Int, windowCount: Int) {
        self.gateCount = gateCount
        self.nodeCount = nodeCount
        self.windowCount = windowCount
        let zn = [Double](repeating: 0, count: gateCount * nodeCount)
        let zw = [Double](repeating: 0, count: gateCount * windowCount)
        dbRe = zn; dbIm = zn; bRe = zn; bIm = zn
        dbSInf = zw; dbC1 = zw; bSInf = zw; bC1 = zw
    }

    /// One term of a gate: `coefficient` × L⁻¹[S(s) H(s) / s^order](u), u = time after a waveform kink.
    struct Term {
        var gate: Int
        var u: Double
        var coefficient: Double
        var order: Int
        var isB: Bool
    }

    /// The terms of every gate of `moment` (window weighting × waveform kinks × repeated pulses), for both
    /// quantities. Terms with u ≤ `uFloor` are dropped (their inverse transforms are O(u) or smaller).
    ///
    /// With f = −dBz/dt (secondary, filtered): f(t) = μ0 Σ_v Δm_v L⁻¹[S H/s](t − τ_v) for one pulse, and
    /// Bz(t) = −μ0 Σ_v Δm_v L⁻¹[S H/s²](t − τ_v); a window needs the p-th antiderivatives, i.e. one more 1/s each.
    /// The steady-state bipolar repetition adds the pulses k half periods earlier with sign (−1)^k: k = −1 (the next
    /// pulse, for windows late in the half period), 0 … 2P − 1 in full and k = 2P with weight ½ (the mean of two
    /// consecutive partial sums of the alternating series, which cancels its leading truncation error).
    static func terms(of moment: TEMMoment, uFloor: Double) -> [Term] {
        let mu0 = HalfSpace.mu0
        let kinks = moment.waveform.kinks
        var pulses: [(shift: Double, weight: Double)] = [(0, 1)]
        if let half = moment.halfPeriod {
            let last = 2 * moment.periods
            pulses = (-1...last).map { k in
                (Double(k) * half, (k % 2 == 0 ? 1.0 : -1.0) * (k == last ? 0.5 : 1.0))
            }
        }
        var out: [Term] = []
        for (g, window) in moment.windows.enumerated() {
            for term in moment.weighting.terms(open: window.open, close: window.close) {
                for kink in kinks {
                    for pulse in pulses {
                        let u = term.time - kink.time + pulse.shift
                        guard u > uFloor else { continue }
                        let c = kink.slopeChange * term.coefficient * pulse.weight * mu0
                        out.append(Term(gate: g, u: u, coefficient: c, order: 1 + term.order, isB: false))
                        out.append(Term(gate: g, u: u, coefficient: -c, order: 2 + term.order, isB: true))
                    }
                }
            }
        }
        return out
    }

    /// Adds `term` with the contour of window `w` (nodes `nodes[start..<start+count]`, ds as in
    /// `LaplaceContours.contour`), `transferOverS[order][q]` = H(s_q)/s_q^order, and the analytic add-back
    /// polynomials L⁻¹[H/s^n](u) = Σ_{j<n} h_j u^{n−1−j}/(n−1−j)! (valid when the filters have decayed, see
    /// `InstrumentModeller`).
    mutating func add(_ term: Term, window w: Int, start: Int, count: Int, nodes: [Complex], ds: [Complex],
                      transferOverS: [[Complex]], taylor: [Double]) {
        let rowN = term.gate * nodeCount, rowW = term.gate * windowCount
        let h = transferOverS[term.order]
        for q in start..<(start + count) {
            let s = nodes[q]
            let m = exp(s.re * term.u)
            let e = Complex(m * cos(s.im * term.u), m * sin(s.im * term.u)) * ds[q] * h[q]
            if term.isB {
                bRe[rowN + q] += term.coefficient * e.re
                bIm[rowN + q] += term.coefficient * e.im
            } else {
                dbRe[rowN + q] += term.coefficient * e.re
                dbIm[rowN + q] += term.coefficient * e.im
            }
        }
        let sInf = Self.inverseOfFilterOverPower(term.order, u: term.u, taylor: taylor)
        let c1 = Self.inverseOfFilterOverPower(term.order - 1, u: term.u, taylor: taylor)
        if term.isB {
            bSInf[rowW + w] += term.coefficient * sInf
            bC1[rowW + w] += term.coefficient * c1
        } else {
            dbSInf[rowW + w] += term.coefficient * sInf
            dbC1[rowW + w] += term.coefficient * c1
        }
    }

    /// L⁻¹[H(s)/s^n](u) for u far beyond the filters' time constants: Σ_{j<n} h_j u^{n−1−j}/(n−1−j)! (0 for n ≤ 0).
    static func inverseOfFilterOverPower(_ n: Int, u: Double, taylor h: [Double]) -> Double {
        guard n >= 1 else { return 0 }
        var sum = 0.0
        for j in 0..<n {
            let p = n - 1 - j
            var term = h[j]
            if p > 0 { for i in 1...p { term *= u / Double(i) } }
            sum += term
        }
        return sum
    }
}
