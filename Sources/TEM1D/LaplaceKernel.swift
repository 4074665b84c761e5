import Foundation
import TEM1DKernel

/// The Laplace-domain secondary field S(s) of a horizontal circular loop (radius a, height H ≥ 0) at a receiver on
/// the loop axis, `receiverOffset` dz ≥ 0 above the loop plane, for one layered earth, at a set of complex
/// frequencies s grouped into contour windows (see `ForwardModeller` for the formulas):
///
///     S(s) = (a/2) ∫_0^∞ r_TE(λ, s) e^{−λ(2H + dz)} λ J1(λa) dλ
///
/// Everything that depends on the geometry only (λ nodes λ_k = b_k/a of the J1 filter, kernel weights with the
/// e^{−λ(2H + dz)} damping, small-λ tail quadrature weights) is computed once here; `values` runs the λ sum per node
/// in `TEM1DKernel` (C). With H = dz = 0 ("on the surface") the kernel sums only the layered remainder
/// r_TE − r_TE(σ1); the caller adds the closed-form half-space part (`HalfSpace.laplace`).
struct LaplaceKernel: Sendable {
    let loopRadius: Double
    let height: Double
    let receiverOffset: Double
    let lambdas: [Double]
    let lambda2: [Double]
    /// c_k = ½ λ_k w_k e^{−λ_k(2H + dz)}; S ≈ Σ_k c_k r_TE(λ_k). Stored as the weight of the kernel's value G:
    /// c_k off the surface (G = r_TE), 2λ_k c_k on it (G = (r_TE − r_TE(σ1))/(2λ), smooth and finite at λ = 0).
    let hankelWeights: [Double]
    /// Small-λ tail quadrature (see `TailQuadrature`): per stopping index j, 8 weights.
    let tailWeights: [Double]
    /// λ-range limits (see `values`).
    let bounds: LambdaBounds
    /// S(∞) = −a²/(2(a² + (2H + dz)²)^{3/2}) (the loop's image in a perfect conductor).
    let sInfinity: Double

    /// Whether loop and receiver are both on the surface (H = dz = 0): closed-form half-space split.
    var onSurface: Bool { height == 0 && receiverOffset == 0 }

    init(loopRadius a: Double, height H: Double, receiverOffset dz: Double = 0, hankelFilter: HankelFilter,
         bounds: LambdaBounds) throws {
        self.init(loopRadius: a, height: H, receiverOffset: dz, table: try hankelFilter.table(), bounds: bounds)
    }

    /// As above with the filter table (base b_k, weight w_k) given.
    init(loopRadius a: Double, height H: Double, receiverOffset dz: Double,
         table: (base: [Double], weights: [Double]), bounds: LambdaBounds) {
        loopRadius = a
        height = H
        receiverOffset = dz
        self.bounds = bounds
        let z = 2 * H + dz
        let (base, w) = table
        var lam: [Double] = [], l2: [Double] = [], c: [Double] = []
        for k in base.indices {
            let l = base[k] / a
            let damp = exp(-l * z)
            if z > 0 && l * z > 45 { break }   // e^{-45} ≈ 3e-20: negligible and all further nodes too
            lam.append(l)
            l2.append(l * l)
            c.append(0.5 * l * w[k] * damp)
        }
        if z == 0 {
            for k in c.indices { c[k] *= 2 * lam[k] }
        }
        lambdas = lam
        lambda2 = l2
        hankelWeights = c
        tailWeights = TailQuadrature.weights(lambdas: lam, kernelWeights: c)
        sInfinity = -a * a / (2 * pow(a * a + z * z, 1.5))
    }

    /// One contour window of the caller's node list: its nodes and the earliest time t0 it is used for.
    struct Window: Sendable {
        var nodeStart: Int
        var nodeCount: Int
        var t0: Double
    }

    /// Born coefficient c1 of the part of S(s) that is transformed numerically (S ≈ c1·s for s → 0), closed form:
    /// c1 = −(μ0/8) Σ_{j≥1} (σ_j − σ_{j−1}) (√(x_j² + a²) − x_j), σ_0 = 0, x_j = 2 d_j + dz, d_j = depth of the top
    /// of layer j + H. `skipTopLayer` leaves out the top layer's term (its half-space is then added in the time
    /// domain, not transformed).
    func bornCoefficient(layers n: Int, sigma: UnsafeMutablePointer<Double>, thick: UnsafeMutablePointer<Double>,
                         skipTopLayer: Bool) -> Double {
        let a = loopRadius
        var c1 = 0.0
        var depth = height
        for j in 0..<n {
            if j > 0 { depth += thick[j - 1] }
            if skipTopLayer && j == 0 { continue }
            let dSigma = sigma[j] - (j > 0 ? sigma[j - 1] : 0)
            let d2 = 2 * depth + receiverOffset
            c1 += dSigma * (a * a) / ((d2 * d2 + a * a).squareRoot() + d2)
        }
        return c1 * (-HalfSpace.mu0 / 8)
    }

    /// S(s_k) at every node: Σ_λ c_λ K(λ, s_k), K = r_TE (off the surface) or r_TE − r_TE(σ1) (on it), as Σ_λ w_λ G.
    /// The λ sum itself runs in `TEM1DKernel` (C, AVX2 + FMA where available); this function sets its bounds.
    func values(n: Int, sigma: UnsafeMutablePointer<Double>, thick: UnsafeMutablePointer<Double>,
                nodes: UnsafeBufferPointer<Complex>, windows: [Window], ws: ForwardWorkspace,
                into S: UnsafeMutablePointer<Complex>) {
        let mu0 = HalfSpace.mu0
        let onSurface = self.onSurface
        let zetaRe = ws.zetaRe, zetaIm = ws.zetaIm
        let logTiny = -30.0   // e^{-30} ≈ 1e-13: a layer this thick hides everything below it
        var sigmaMax = 0.0
        for j in 0..<n { sigmaMax = max(sigmaMax, sigma[j]) }
        lambdas.withUnsafeBufferPointer { lam in
        lambda2.withUnsafeBufferPointer { lam2 in
        hankelWeights.withUnsafeBufferPointer { cw in
        tailWeights.withUnsafeBufferPointer { tw in
        TailQuadrature.extraFractions.withUnsafeBufferPointer { fractions in
            var filter = tem1d_filter(lambda: lam.baseAddress, lambda2: lam2.baseAddress, weight: cw.baseAddress,
                                      tail: tw.baseAddress, tail_fractions: fractions.baseAddress, count: Int32(lam.count))
            for window in windows {
                // Window bound: λ nodes above Λ, Λ² = K μ0 σ_max / t0 (t0 = the window's first sample time), add to
                // S(s) only terms analytic for Re s > −Λ²/(μ0 σ_max), i.e. responses decaying like e^{−K t/t0}: nothing
                // at t ≥ t0. Their singularities lie 4× farther out than the farthest contour node (|s| ≈ 25/t0), so
                // the discrete contour nearly ignores them too: K = 100 changes results by ≤ 4.3e-6 on 300 random
                // models (ConvergenceTests; 1.5e-6 at K = 400, 5e-5 at K = 30, 5e-2 at K = 10) and saves ~30 % of
                // the kernel work at late times, where the diffusion depth makes large λ irrelevant.
                let t0 = window.t0
                let kWindow = Self.upperIndex(lam2, below: bounds.windowK * mu0 * sigmaMax / t0)
                for q in window.nodeStart..<(window.nodeStart + window.nodeCount) {
                    let s = nodes[q]
                    // ζ_j, and the small-λ tail threshold from |ζ_j| (see below): min_j min(|ζ_j|, √|ζ_j|/h_j).
                    var tail2 = Double.infinity
                    for j in 0..<n {
                        zetaRe[j] = s.re * mu0 * sigma[j]
                        zetaIm[j] = s.im * mu0 * sigma[j]
                        let magnitude = (zetaRe[j] * zetaRe[j] + zetaIm[j] * zetaIm[j]).squareRoot()
                        tail2 = min(tail2, magnitude)
                        if j < n - 1 { tail2 = min(tail2, magnitude.squareRoot() / thick[j]) }
                    }
                    // Upper λ bound. On the surface: the remainder carries e^{−2u1h1}, and the kernel returns nothing
                    // where 2h1 Re u1 > −logTiny in every lane. Re √(x + iy) increases with x, and Re √(x + iy) = R
                    // exactly at x = R² − y²/(4R²); with x = λ² + Re ζ1, y = Im ζ1, R = −logTiny/(2h1) every node with
                    // λ² > λ*² = R² − (Im ζ1)²/(4R²) − Re ζ1 is hidden (none is skipped that the kernel would keep;
                    // 1e-9 relative margin for rounding). λ*² < 0: the whole contour node is hidden (S_rem = 0).
                    // Off the surface: the filter was already trimmed where e^{−λ(2H + dz)} < e^{−45}.
                    var kHi = kWindow
                    if onSurface {
                        let R = -logTiny / (2 * thick[0]), R2 = R * R
                        let lStar2 = (R2 - zetaIm[0] * zetaIm[0] / (4 * R2) - zetaRe[0]) * (1 + 1e-9)
                        kHi = min(kHi, Self.upperIndex(lam2, below: lStar2))
                    }
                    // Small-λ tail: below λ_c² = 0.1 · min_j min(|ζ_j|, √|ζ_j|/h_j) the kernel is a smooth function
                    // of λ (all layers' u_j ≈ √ζ_j), and Σ_{i<j} w_i G(λ_i) is replaced by the tail quadrature of
                    // `TailQuadrature` (G at λ_j·{0, 0.3, 0.6, 0.85} and at the 4 lanes of the block that crossed
                    // λ_c; error ≤ 3e-8 of |S| with the factor 0.1, scripts/tem1d_tail_check.py).
                    var node = tem1d_node(zeta_re: zetaRe, zeta_im: zetaIm, thick: thick, layers: Int32(n),
                                          on_surface: onSurface ? 1 : 0, k_end: Int32(kHi),
                                          tail_lambda2: bounds.tailFactor * tail2, log_tiny: logTiny)
                    var re = 0.0, im = 0.0
                    tem1d_hankel_sum(&filter, &node, &re, &im)
                    S[q] = Complex(re, im)
                }
            }
        }}}}}
    }

    /// Number of entries of the ascending `values` that are ≤ `bound`.
    @inline(__always)
    private static func upperIndex(_ values: UnsafeBufferPointer<Double>, below bound: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= bound { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// Limits of the λ range summed per contour node (see `LaplaceKernel.values`).
struct LambdaBounds: Sendable, Equatable {
    /// K of the window bound Λ² = K μ0 σ_max / t0 (∞: no window bound).
    var windowK: Double
    /// Factor of the small-λ tail threshold λ_c².
    var tailFactor: Double

    /// The default: K = 100, tail factor 0.1.
    static let standard = LambdaBounds(windowK: 100, tailFactor: 0.1)
    /// No window bound and the earlier, 10× lower tail threshold (0.01): used by `TransformAccuracy.highest`,
    /// so that convergence checks against it also check the standard bounds.
    static let conservative = LambdaBounds(windowK: .infinity, tailFactor: 0.01)
}
