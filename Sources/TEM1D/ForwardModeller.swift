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

    /// λ nodes, Hankel and tail weights, S∞ and the λ-range limits for the system's loop and height.
    let kernel: LaplaceKernel
    let sampling: TimeSampling
    let contours: LaplaceContours
    /// The contour windows as the kernel sees them (t0 = the window's first sample time).
    let kernelWindows: [LaplaceKernel.Window]

    /// Precomputes everything that depends only on the system.
    /// - Throws: `TEM1DError` if the system is invalid or a filter table cannot be loaded.
    public init(system: TEMSystem, hankelFilter: HankelFilter = .key201, accuracy: TransformAccuracy = .high) throws {
        try self.init(system: system, hankelFilter: hankelFilter, accuracy: accuracy,
                      bounds: accuracy == .highest ? .conservative : .standard)
    }

    /// As the public initialiser, with explicit λ-range limits (tests compare `.standard` with `.conservative`).
    init(system: TEMSystem, hankelFilter: HankelFilter, accuracy: TransformAccuracy, bounds: LambdaBounds) throws {
        try system.validate()
        self.system = system
        self.hankelFilter = hankelFilter
        self.accuracy = accuracy
        kernel = try LaplaceKernel(loopRadius: system.loopRadius, height: system.height, hankelFilter: hankelFilter,
                                   bounds: bounds)
        let sampling = TimeSampling(system: system)
        let contours = try LaplaceContours(sampleTimes: sampling.times, accuracy: accuracy)
        self.sampling = sampling
        self.contours = contours
        kernelWindows = contours.windows.map {
            LaplaceKernel.Window(nodeStart: $0.nodeStart, nodeCount: $0.nodeCount, t0: sampling.times[$0.sampleStart])
        }
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
        let c1 = kernel.bornCoefficient(layers: n, sigma: sigma, thick: thick, skipTopLayer: onSurface && !hsInLaplace)

        let sdb = ws.sampleDb, sbz = ws.sampleBz
        for i in 0..<nSamples {
            sdb[i] = 0
            sbz[i] = 0
        }
        let needsTransform = !(onSurface && n == 1)
        if needsTransform {
            let S = ws.nodeValues
            contours.nodes.withUnsafeBufferPointer { nodes in
                kernel.values(n: n, sigma: sigma, thick: thick, nodes: nodes, windows: kernelWindows, ws: ws, into: S)
            }
            if hsInLaplace {
                contours.nodes.withUnsafeBufferPointer { nodes in
                    for q in 0..<nodes.count {
                        S[q] += HalfSpace.laplace(s: nodes[q], sigma: sigma[0], loopRadius: a)
                    }
                }
            }
            contours.invert(S: S, c1: c1, sInfinity: (onSurface && !hsInLaplace) ? nil : kernel.sInfinity, sdb: sdb, sbz: sbz)
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
