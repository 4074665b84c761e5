import Foundation
import TEM1DKernel

/// Central-loop TEM forward modeller with all per-system work done once (λ nodes, Hankel weights, e^{−2λH},
/// Laplace contour nodes and time weights, ramp/gate quadrature). Immutable and `Sendable`: share one modeller
/// between threads and give each thread its own `ForwardWorkspace`.
///
/// Method (Laplace domain, s = complex frequency; I = 1 A; μ = μ0 everywhere):
///
///     S(s) = (a/2) ∫_0^∞ r_TE(λ, s) e^{−2λH} λ J1(λa) dλ            (secondary Hz at the centre, A/m)
///     r_TE = (λ − Û1)/(λ + Û1),  u_j = √(λ² + s μ0 σ_j),
///     Û_n = u_n,  Û_j = u_j (Û_{j+1}(1+e_j) + u_j(1−e_j)) / (u_j(1+e_j) + Û_{j+1}(1−e_j)),  e_j = e^{−2 u_j h_j}
///     bz(t) = −μ0 L⁻¹[S(s)/s](t),   −dBz/dt(t) = μ0 L⁻¹[S(s)](t)
///
/// * Hankel transform: J1 digital linear filter (`HankelFilter`, default Key 2012 201 points), λ_k = b_k/a. The sum
///   for each contour node runs over λ_c < λ ≤ min(λ*, Λ_window) only (small-λ tail quadrature below λ_c, hidden
///   layers above λ*, and the per-window bound Λ: see `computeLaplaceValues`), in the C kernel `TEM1DKernel`
///   (four λ per vector; AVX2 + FMA where the CPU has them).
/// * H = 0: the top-layer half-space part r_TE(σ1) is integrated over λ in closed form (`HalfSpace.laplace`, the
///   Laplace-domain form of Ward & Hohmann 1988); only the layered remainder r_TE − r_TE(σ1), which decays like
///   e^{−2u1h1}, goes through the Hankel filter. It is evaluated without cancellation as
///   r − r_hs = 4λ u1 e1 (u1 − Û2) / ((λD + u1N)(λ + u1)), D = u1(1+e1) + Û2(1−e1), N = Û2(1+e1) + u1(1−e1).
///   The sum S_hs + S_rem is inverted on the contour as one function, so the contour error is relative to the
///   actual response. (Adding the half-space in the *time* domain instead, as up to 56f9933, inverts the remainder
///   alone; for a conductive top layer over resistive ground the remainder cancels the half-space to 1 part in
///   10³–10⁴ at late times and the contour error was amplified by that factor.) A homogeneous half-space (n = 1)
///   uses the time-domain closed form directly.
/// * Time transform: hyperbolic Bromwich contours, one per decade of sample times (`LaplaceContours`).
///   Terms analytic in s give nothing for t > 0 but spoil the quadrature: per window the modeller subtracts
///   the Born term c1·s and/or (H > 0) the s → ∞ limit S∞ = −a²/(2(a² + 4H²)^{3/2}) whenever that reduces the
///   size of the transformed function on the contour; S∞ is added back to bz analytically (it is a step in
///   S/s), c1·s contributes only δ′(t). The Born coefficient is closed form:
///   c1 = −(μ0/8) Σ_{j≥1} (σ_j − σ_{j−1}) (√(4d_j² + a²) − 2d_j), σ_0 = 0, d_j = depth of the top of layer j + H.
/// * Ramp and boxcar gates: Gauss–Legendre quadrature over point samples of the step response (`TimeSampling`).
public struct ForwardModeller: Sendable {
    public let system: TEMSystem
    public let hankelFilter: HankelFilter
    public let accuracy: TransformAccuracy

    let lambdas: [Double]
    let lambda2: [Double]
    /// c_k = ½ λ_k w_k e^{−2λ_k H}; S ≈ Σ_k c_k r_TE(λ_k). Stored as the weight of the kernel's value G:
    /// c_k for H > 0 (G = r_TE), 2λ_k c_k for H = 0 (G = (r_TE − r_TE(σ1))/(2λ), smooth and finite at λ = 0).
    let hankelWeights: [Double]
    /// Small-λ tail quadrature (see `TailQuadrature`): per stopping index j, 8 weights.
    let tailWeights: [Double]
    let sampling: TimeSampling
    let contours: LaplaceContours
    let sInfinity: Double
    /// λ-range limits (see `computeLaplaceValues`).
    let bounds: LambdaBounds

    /// Precomputes everything that depends only on the system.
    /// - Throws: `TEM1DError` if the system is invalid or a filter table cannot be loaded.
    public init(system: TEMSystem, hankelFilter: HankelFilter = .key201, accuracy: TransformAccuracy = .high) throws {
        try self.init(system: system, hankelFilter: hankelFilter, accuracy: accuracy,
                      bounds: accuracy == .highest ? .conservative : .standard)
    }

    /// As the public initialiser, with explicit λ-range limits (tests compare `.standard` with `.conservative`).
    init(system: TEMSystem, hankelFilter: HankelFilter, accuracy: TransformAccuracy, bounds: LambdaBounds) throws {
        try system.validate()
        self.bounds = bounds
        self.system = system
        self.hankelFilter = hankelFilter
        self.accuracy = accuracy
        let a = system.loopRadius, H = system.height
        let (base, w) = try hankelFilter.table()
        var lam: [Double] = [], l2: [Double] = [], c: [Double] = []
        for k in base.indices {
            let l = base[k] / a
            let damp = exp(-2 * l * H)
            if H > 0 && 2 * l * H > 45 { break }   // e^{-45} ≈ 3e-20: negligible and all further nodes too
            lam.append(l)
            l2.append(l * l)
            c.append(0.5 * l * w[k] * damp)
        }
        if H == 0 {
            for k in c.indices { c[k] *= 2 * lam[k] }
        }
        lambdas = lam
        lambda2 = l2
        hankelWeights = c
        tailWeights = TailQuadrature.weights(lambdas: lam, kernelWeights: c)
        sampling = TimeSampling(system: system)
        contours = try LaplaceContours(sampleTimes: sampling.times, accuracy: accuracy)
        sInfinity = -a * a / (2 * pow(a * a + 4 * H * H, 1.5))
    }

    /// Convenience: forward response of one model (allocates a temporary workspace).
    public func forward(_ model: LayeredModel) -> Response {
        let ws = ForwardWorkspace()
        return forward(model, workspace: ws)
    }

    /// Forward response of many models, sequentially, reusing one workspace.
    public func forward(_ models: [LayeredModel]) -> [Response] {
        let ws = ForwardWorkspace()
        return models.map { forward($0, workspace: ws) }
    }

    /// Forward response of one model using a caller-owned workspace (no allocation besides the result arrays).
    /// The model must be valid (`LayeredModel.validate()`); the result is a deterministic function of the inputs.
    public func forward(_ model: LayeredModel, workspace ws: ForwardWorkspace) -> Response {
        var db = [Double](repeating: 0, count: system.gates.count)
        var bz = [Double](repeating: 0, count: system.gates.count)
        db.withUnsafeMutableBufferPointer { dbp in
            bz.withUnsafeMutableBufferPointer { bzp in
                forward(model, workspace: ws, dbzdt: dbp, bz: bzp)
            }
        }
        return Response(dbzdt: db, bz: bz)
    }

    /// Writes −dBz/dt (T/s/A) and Bz (T/A) for each gate into the given buffers (count = number of gates).
    public func forward(_ model: LayeredModel, workspace ws: ForwardWorkspace,
                        dbzdt: UnsafeMutableBufferPointer<Double>, bz: UnsafeMutableBufferPointer<Double>) {
        let mu0 = HalfSpace.mu0
        let n = model.resistivities.count
        let nNodes = contours.nodes.count
        let nSamples = sampling.times.count
        ws.reserve(layers: n, nodes: nNodes, samples: nSamples)
        let sigma = ws.sigma, thick = ws.thick
        for j in 0..<n { sigma[j] = 1 / model.resistivities[j] }
        for j in 0..<(n - 1) { thick[j] = model.thicknesses[j] }
        let a = system.loopRadius, H = system.height
        let onSurface = H == 0
        // H = 0, layered: the top-layer half-space is added in closed form in the Laplace domain (see type comment).
        let hsInLaplace = onSurface && n > 1

        // Born coefficient c1 (closed form) for the part that is transformed numerically.
        var c1 = 0.0
        var depth = H
        for j in 0..<n {
            if j > 0 { depth += thick[j - 1] }
            if onSurface && j == 0 && !hsInLaplace { continue }
            let dSigma = sigma[j] - (j > 0 ? sigma[j - 1] : 0)
            let d2 = 2 * depth
            c1 += dSigma * (a * a) / ((d2 * d2 + a * a).squareRoot() + d2)
        }
        c1 *= -mu0 / 8

        let sdb = ws.sampleDb, sbz = ws.sampleBz
        for i in 0..<nSamples {
            sdb[i] = 0
            sbz[i] = 0
        }
        let needsTransform = !(onSurface && n == 1)
        if needsTransform {
            let S = ws.nodeValues
            computeLaplaceValues(n: n, sigma: sigma, thick: thick, onSurface: onSurface, ws: ws, into: S)
            if hsInLaplace {
                contours.nodes.withUnsafeBufferPointer { nodes in
                    for q in 0..<nodes.count {
                        S[q] += HalfSpace.laplace(s: nodes[q], sigma: sigma[0], loopRadius: a)
                    }
                }
            }
            contours.invert(S: S, c1: c1, sInfinity: (onSurface && !hsInLaplace) ? nil : sInfinity, sdb: sdb, sbz: sbz)
        }
        if onSurface && !hsInLaplace {
            for i in 0..<nSamples {
                let hs = HalfSpace.stepOff(sigma: sigma[0], loopRadius: a, time: sampling.times[i])
                sdb[i] += hs.dbzdt
                sbz[i] += hs.bz
            }
        }
        for g in 0..<sampling.gateWeights.count {
            var vd = 0.0, vb = 0.0
            for (idx, w) in sampling.gateWeights[g] {
                vd += w * sdb[idx]
                vb += w * sbz[idx]
            }
            dbzdt[g] = vd
            bz[g] = vb
        }
    }

    /// S(s_k) at every contour node: Σ_λ c_λ K(λ, s_k), K = r_TE (H > 0) or r_TE − r_TE(σ1) (H = 0), as Σ_λ w_λ G.
    /// The λ sum itself runs in `TEM1DKernel` (C, AVX2 + FMA where available); this function sets its bounds.
    private func computeLaplaceValues(n: Int, sigma: UnsafeMutablePointer<Double>, thick: UnsafeMutablePointer<Double>,
                                      onSurface: Bool, ws: ForwardWorkspace, into S: UnsafeMutablePointer<Complex>) {
        let mu0 = HalfSpace.mu0
        let zetaRe = ws.zetaRe, zetaIm = ws.zetaIm
        let logTiny = -30.0   // e^{-30} ≈ 1e-13: a layer this thick hides everything below it
        var sigmaMax = 0.0
        for j in 0..<n { sigmaMax = max(sigmaMax, sigma[j]) }
        contours.nodes.withUnsafeBufferPointer { nodes in
        lambdas.withUnsafeBufferPointer { lam in
        lambda2.withUnsafeBufferPointer { lam2 in
        hankelWeights.withUnsafeBufferPointer { cw in
        tailWeights.withUnsafeBufferPointer { tw in
        TailQuadrature.extraFractions.withUnsafeBufferPointer { fractions in
            var filter = tem1d_filter(lambda: lam.baseAddress, lambda2: lam2.baseAddress, weight: cw.baseAddress,
                                      tail: tw.baseAddress, tail_fractions: fractions.baseAddress, count: Int32(lam.count))
            for window in contours.windows {
                // Window bound: λ nodes above Λ, Λ² = K μ0 σ_max / t0 (t0 = the window's first sample time), add to
                // S(s) only terms analytic for Re s > −Λ²/(μ0 σ_max), i.e. responses decaying like e^{−K t/t0}: nothing
                // at t ≥ t0. Their singularities lie 4× farther out than the farthest contour node (|s| ≈ 25/t0), so
                // the discrete contour nearly ignores them too: K = 100 changes results by ≤ 4.3e-6 on 300 random
                // models (ConvergenceTests; 1.5e-6 at K = 400, 5e-5 at K = 30, 5e-2 at K = 10) and saves ~30 % of
                // the kernel work at late times, where the diffusion depth makes large λ irrelevant.
                let t0 = sampling.times[window.sampleStart]
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
                    // Upper λ bound. H = 0: the remainder carries e^{−2u1h1}, and the kernel returns nothing where
                    // 2h1 Re u1 > −logTiny in every lane. Re √(x + iy) increases with x, and Re √(x + iy) = R exactly
                    // at x = R² − y²/(4R²); with x = λ² + Re ζ1, y = Im ζ1, R = −logTiny/(2h1) every node with
                    // λ² > λ*² = R² − (Im ζ1)²/(4R²) − Re ζ1 is hidden (none is skipped that the kernel would keep;
                    // 1e-9 relative margin for rounding). λ*² < 0: the whole contour node is hidden (S_rem = 0).
                    // H > 0: the filter was already trimmed where e^{−2λH} < e^{−45}.
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
        }}}}}}
    }

    /// Limits of the λ range summed per contour node (see `computeLaplaceValues`).
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

/// Per-thread scratch buffers for `ForwardModeller` (not thread-safe; one per worker).
public final class ForwardWorkspace {
    private(set) var layerCapacity = 0
    private(set) var nodeCapacity = 0
    private(set) var sampleCapacity = 0
    var sigma = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var thick = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var zetaRe = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var zetaIm = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var nodeValues = UnsafeMutablePointer<Complex>.allocate(capacity: 1)
    var sampleDb = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    var sampleBz = UnsafeMutablePointer<Double>.allocate(capacity: 1)

    public init() {}

    func reserve(layers: Int, nodes: Int, samples: Int) {
        if layers > layerCapacity {
            for p in [sigma, thick, zetaRe, zetaIm] { p.deallocate() }
            sigma = .allocate(capacity: layers)
            thick = .allocate(capacity: layers)
            zetaRe = .allocate(capacity: layers)
            zetaIm = .allocate(capacity: layers)
            layerCapacity = layers
        }
        if nodes > nodeCapacity {
            nodeValues.deallocate()
            nodeValues = .allocate(capacity: nodes)
            nodeCapacity = nodes
        }
        if samples > sampleCapacity {
            sampleDb.deallocate()
            sampleBz.deallocate()
            sampleDb = .allocate(capacity: samples)
            sampleBz = .allocate(capacity: samples)
            sampleCapacity = samples
        }
    }

    deinit {
        sigma.deallocate(); thick.deallocate(); zetaRe.deallocate(); zetaIm.deallocate()
        nodeValues.deallocate(); sampleDb.deallocate(); sampleBz.deallocate()
    }
}


/// Quadrature for the small-λ tail of the Hankel sum, Σ_{i<j} w_i G(λ_i): G is smooth there, so it is replaced by
/// its degree-7 interpolating polynomial through G at λ_j·{0, 0.3, 0.6, 0.85} and at λ_{j+3}, λ_{j+2}, λ_{j+1},
/// λ_j (in this order, matching the lanes). Weights ω_q(j) = Σ_{i<j} w_i L_q(λ_i) with the Lagrange basis L_q,
/// precomputed per system for every j (row j, 8 values; rows 0 and ≥ n − 3 unused).
enum TailQuadrature {
    /// The fractions of λ_j at the tail step's extra nodes (passed to the kernel with the weights).
    static let extraFractions: [Double] = [0, 0.3, 0.6, 0.85]

    static func weights(lambdas lam: [Double], kernelWeights w: [Double]) -> [Double] {
        let n = lam.count
        var out = [Double](repeating: 0, count: 8 * n)
        guard n >= 5 else { return out }
        for j in 1..<(n - 3) {
            let scale = lam[j + 3]
            var x = [Double](repeating: 0, count: 8)
            for q in 0..<4 { x[q] = extraFractions[q] * lam[j] / scale }
            for q in 0..<4 { x[4 + q] = lam[j + 3 - q] / scale }
            var invDen = [Double](repeating: 1, count: 8)
            for q in 0..<8 {
                for r in 0..<8 where r != q { invDen[q] *= x[q] - x[r] }
                invDen[q] = 1 / invDen[q]
            }
            for i in 0..<j {
                let xi = lam[i] / scale
                for q in 0..<8 {
                    var L = invDen[q]
                    for r in 0..<8 where r != q { L *= xi - x[r] }
                    out[8 * j + q] += w[i] * L
                }
            }
        }
        return out
    }
}
