import Foundation

/// Accuracy setting of the Laplace-domain time transform (number of contour nodes per time window).
public enum TransformAccuracy: String, Sendable, CaseIterable, Codable {
    /// 17 nodes per window of one decade (calibration error 8e-6 on the half-space).
    case fast
    /// 19 nodes per window (1.3e-6).
    case standard
    /// 23 nodes per window (3e-8). The default.
    case high
    /// 25 nodes per window (6e-9), and the full λ range (no per-window bound, tail threshold 10× lower): for
    /// convergence checks.
    case highest

    var contourRow: (lambda: Double, m: Int) {
        switch self {
        case .fast: return (10, 16)
        case .standard: return (10, 18)
        case .high: return (10, 22)
        case .highest: return (10, 24)
        }
    }
}

/// Inverse Laplace transform on hyperbolic Bromwich contours (Weideman & Trefethen 2007), one contour per time
/// window [t0, Λ t0]: f(t) = (1/2πi) ∫ e^{st} F(s) ds ≈ Im Σ_{k=0}^{M} W_k(t) F(s_k) for real f, with
/// s(u) = (μ/t0)(1 + sin(iu − α)), u_k = k h, W_k(t) = (h/π) c_k e^{s_k t} s'(u_k), c_0 = 1/2, c_k = 1 otherwise.
/// The contour passes to the right of the singularities of F, which for a quasi-static layered earth all lie on
/// the negative real s axis.
struct LaplaceContours: Sendable {
    struct Window: Sendable {
        var nodeStart: Int
        var nodeCount: Int
        var sampleStart: Int
        var sampleCount: Int
    }
    let nodes: [Complex]
    let windows: [Window]
    /// Per window, row-major [sample][node]: W_k(t).
    let weights: [Complex]
    /// Same divided by s_k (for L⁻¹[F(s)/s]).
    let weightsOverS: [Complex]
    /// Offset of each window's block in `weights`.
    let weightOffsets: [Int]

    /// The contour parameters of `accuracy` (window ratio Λ, node count M + 1, μ, α, step factor).
    static func parameters(_ accuracy: TransformAccuracy) throws -> ContourParameters {
        let row = accuracy.contourRow
        guard let p = try ContourParameters.table().first(where: { $0.lambda == row.lambda && $0.m == row.m }) else {
            throw TEM1DError.filterUnavailable("contour parameters Lambda=\(row.lambda) M=\(row.m) missing")
        }
        return p
    }

    /// The nodes s_k (k = 0…M) of the contour for the window starting at `t0`, and ds_k = (h/π) c_k s'(u_k), so that
    /// f(t) ≈ Im Σ_k e^{s_k t} ds_k F(s_k) for t in [t0, Λ t0].
    static func contour(t0: Double, parameters p: ContourParameters) -> (nodes: [Complex], ds: [Complex]) {
        let h = p.hFactor / Double(p.m)
        let scale = p.mu / t0
        var nodes: [Complex] = [], ds: [Complex] = []
        for k in 0...p.m {
            let u = Double(k) * h
            let ch = cosh(u), sh = sinh(u)
            nodes.append(Complex(scale * (1 - sin(p.alpha) * ch), scale * cos(p.alpha) * sh))
            let c = (k == 0 ? 0.5 : 1.0) * h / Double.pi
            ds.append(Complex(c * scale * (-sh * sin(p.alpha)), c * scale * ch * cos(p.alpha)))
        }
        return (nodes, ds)
    }

    init(sampleTimes times: [Double], accuracy: TransformAccuracy) throws {
        let p = try Self.parameters(accuracy)
        var nodes: [Complex] = [], windows: [Window] = [], weights: [Complex] = [], wos: [Complex] = [], offsets: [Int] = []
        var i = 0
        while i < times.count {
            let t0 = times[i]
            var j = i
            while j + 1 < times.count && times[j + 1] <= p.lambda * t0 * (1 + 1e-12) { j += 1 }
            let nodeStart = nodes.count
            let (windowNodes, ds) = Self.contour(t0: t0, parameters: p)
            nodes += windowNodes
            offsets.append(weights.count)
            for q in i...j {
                let t = times[q]
                for k in 0...p.m {
                    let s = nodes[nodeStart + k]
                    let w = (Complex(s.re * t, s.im * t)).exp * ds[k]
                    weights.append(w)
                    wos.append(w / s)
                }
            }
            windows.append(Window(nodeStart: nodeStart, nodeCount: p.m + 1, sampleStart: i, sampleCount: j - i + 1))
            i = j + 1
        }
        self.nodes = nodes
        self.windows = windows
        self.weights = weights
        self.weightsOverS = wos
        self.weightOffsets = offsets
    }

    /// The subtraction α S∞ + β c1 s (α, β ∈ {0, 1}; α = 0 unless `allowSInfinity`) with the smallest Σ|R| over
    /// the nodes `start ..< start + count`, R = S − α S∞ − β c1 s: terms analytic in s whose inverse transform is
    /// known exactly, removed where they would dominate the transformed function on the contour.
    static func subtraction(nodes: UnsafeBufferPointer<Complex>, S: UnsafePointer<Complex>, start: Int, count: Int,
                            c1: Double, sInfinity sInf: Double, allowSInfinity: Bool) -> (alpha: Double, beta: Double) {
        var best = Double.infinity, bestA = 0.0, bestB = 0.0
        for alpha in (allowSInfinity ? [0.0, 1.0] : [0.0]) {
            for beta in [0.0, 1.0] {
                var m = 0.0
                for k in 0..<count {
                    let s = nodes[start + k], v = S[start + k]
                    let re = v.re - alpha * sInf - beta * c1 * s.re
                    let im = v.im - beta * c1 * s.im
                    m += (re * re + im * im).squareRoot()
                }
                if m < best {
                    best = m
                    bestA = alpha
                    bestB = beta
                }
            }
        }
        return (bestA, bestB)
    }

    /// Inverse Laplace transform of S (−dBz/dt) and −S/s (bz) on each window's contour, after subtracting the
    /// analytic terms that make the transformed function smaller on the contour.
    /// - Parameters:
    ///   - S: S(s_k) at every node (A/m per A).
    ///   - c1: Born coefficient of S (S ≈ c1·s for s → 0).
    ///   - sInfinity: S(∞) if it may be subtracted (nil: never subtracted, i.e. S(∞) = 0).
    ///   - sdb, sbz: per-sample accumulators; −dBz/dt and Bz are **added** to them.
    func invert(S: UnsafePointer<Complex>, c1: Double, sInfinity: Double?,
                sdb: UnsafeMutablePointer<Double>, sbz: UnsafeMutablePointer<Double>) {
        let mu0 = HalfSpace.mu0
        let sInf = sInfinity ?? 0
        let allowSInf = sInfinity != nil
        nodes.withUnsafeBufferPointer { nodes in
        weights.withUnsafeBufferPointer { W in
        weightsOverS.withUnsafeBufferPointer { WS in
            for (wi, win) in windows.enumerated() {
                let (bestA, bestB) = Self.subtraction(nodes: nodes, S: S, start: win.nodeStart, count: win.nodeCount,
                                                      c1: c1, sInfinity: sInf, allowSInfinity: allowSInf)
                let base = weightOffsets[wi]
                for q in 0..<win.sampleCount {
                    var vd = 0.0, vb = 0.0
                    let row = base + q * win.nodeCount
                    for k in 0..<win.nodeCount {
                        let s = nodes[win.nodeStart + k], v = S[win.nodeStart + k]
                        let rre = v.re - bestA * sInf - bestB * c1 * s.re
                        let rim = v.im - bestB * c1 * s.im
                        let w = W[row + k], ws = WS[row + k]
                        vd += w.re * rim + w.im * rre
                        vb += ws.re * rim + ws.im * rre
                    }
                    let i = win.sampleStart + q
                    sdb[i] += mu0 * vd
                    sbz[i] += -mu0 * vb - bestA * mu0 * sInf
                }
            }
        }}}
    }
}
