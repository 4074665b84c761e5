import Foundation

/// Forward modeller for a real instrument (`TEMInstrument`): every moment's windows, with its waveform, bipolar
/// repetition and receiver filters, for one layered earth and one `SoundingGeometry`. Immutable and `Sendable`;
/// give each thread its own `ForwardWorkspace`.
///
/// Method. For t > 0 the secondary field of a unit ramp of current is the inverse Laplace transform of S(s)/s² (S
/// as in `ForwardModeller`), so a piecewise-linear waveform — a sum of ramps starting at its kinks τ_v with slope
/// changes Δm_v — gives −dBz/dt(t) = μ0 Σ_v Δm_v L⁻¹[S H / s](t − τ_v), where H(s) = Π (1 + s/ωc)^(−n) is the
/// receiver filter cascade (it multiplies the whole received signal, so it multiplies S). A window mean needs one
/// more antiderivative (an exact mean, not a sampled one), Bz one more again, the linear taper one more again. Each
/// term is a point value of an inverse Laplace transform at u = t − τ_v (+ k T/2 for the k-th earlier pulse of the
/// repetition), evaluated on the hyperbolic contour of u's decade [10^d, 10^{d+1}) (`LaplaceContours`). All
/// moments share one set of decades, so S(s) is computed once per model at ~23 nodes per decade and every gate of
/// every moment is a fixed linear combination of those values (`MomentWeights`): the cost per sounding is the
/// λ sums at the shared nodes plus one small matrix–vector product per moment.
///
/// As in `ForwardModeller`, the terms c1·s (Born, low-frequency) and S∞ (image, high-frequency) are subtracted per
/// decade where that makes the transformed function smaller and added back analytically; with filters this is done
/// only where every filter has decayed (ωc·t0 ≥ 40 for the decade start t0, so e^{−ωc u} terms are < 1e-13).
public struct InstrumentModeller: Sendable {
    public let instrument: TEMInstrument
    public let hankelFilter: HankelFilter
    public let accuracy: TransformAccuracy

    /// Terms closer than this to a waveform kink are dropped, s (their inverse transforms are O(u)).
    static let uFloor = 1e-10
    /// ωc·t0 above which a decade may use the analytic add-back with filters.
    static let filterDecayed = 40.0

    let table: (base: [Double], weights: [Double])
    let bounds: LambdaBounds
    /// Contour nodes shared by every moment, decade by decade.
    let nodes: [Complex]
    let windows: [LaplaceKernel.Window]
    /// Per decade and moment: whether c1/S∞ may be subtracted (filters decayed). Per moment, since filters differ.
    let subtractionAllowed: [[Bool]]
    let moments: [MomentWeights]
    let groundKernel: LaplaceKernel
    let kernels: KernelCache

    /// Precomputes the contour nodes and every moment's gate weights.
    /// - Throws: `TEM1DError` for an invalid instrument or a filter table that cannot be loaded.
    public init(instrument: TEMInstrument, hankelFilter: HankelFilter = .key201, accuracy: TransformAccuracy = .high) throws {
        try instrument.validate()
        self.instrument = instrument
        self.hankelFilter = hankelFilter
        self.accuracy = accuracy
        // No per-window λ bound here: the λ terms it drops are analytic in s, which inverts to nothing for S and
        // S/s but to polynomials in u for S/s², S/s³ …; those cancel within one decade but not between kinks whose
        // terms fall in different decades (different bounds). The small-λ tail quadrature is kept.
        bounds = LambdaBounds(windowK: .infinity, tailFactor: accuracy == .highest ? 0.01 : 0.1)
        table = try hankelFilter.table()
        let parameters = try LaplaceContours.parameters(accuracy)

        let termsPerMoment = instrument.moments.map { MomentWeights.terms(of: $0, uFloor: Self.uFloor) }
        // The decades [10^d, 10^{d+1}) that hold any term.
        var decades = Set<Int>()
        for terms in termsPerMoment { for t in terms { decades.insert(Self.decade(t.u)) } }
        let sortedDecades = decades.sorted()
        var nodes: [Complex] = [], ds: [Complex] = [], windows: [LaplaceKernel.Window] = []
        var windowOfDecade: [Int: Int] = [:]
        for d in sortedDecades {
            let t0 = pow(10, Double(d))
            let contour = LaplaceContours.contour(t0: t0, parameters: parameters)
            windowOfDecade[d] = windows.count
            windows.append(.init(nodeStart: nodes.count, nodeCount: contour.nodes.count, t0: t0))
            nodes += contour.nodes
            ds += contour.ds
        }
        self.nodes = nodes
        self.windows = windows

        var allowed: [[Bool]] = []
        var weights: [MomentWeights] = []
        for (m, moment) in instrument.moments.enumerated() {
            let omegaMin = moment.filters.map { 2 * Double.pi * $0.cutoff }.min() ?? .infinity
            allowed.append(windows.map { omegaMin * $0.t0 >= Self.filterDecayed })
            let maxOrder = (termsPerMoment[m].map(\.order).max() ?? 1)
            let transfer = nodes.map { moment.filters.transfer($0) }
            var transferOverS: [[Complex]] = [transfer]
            for _ in 0..<maxOrder { transferOverS.append(zip(transferOverS.last!, nodes).map { $0 / $1 }) }
            let taylor = moment.filters.taylor(count: maxOrder + 1)
            var w = MomentWeights(gateCount: moment.windows.count, nodeCount: nodes.count, windowCount: windows.count)
            for term in termsPerMoment[m] {
                let wi = windowOfDecade[Self.decade(term.u)]!
                w.add(term, window: wi, start: windows[wi].nodeStart, count: windows[wi].nodeCount, nodes: nodes, ds: ds,
                      transferOverS: transferOverS, taylor: taylor)
            }
            weights.append(w)
        }
        subtractionAllowed = allowed
        moments = weights
        groundKernel = LaplaceKernel(loopRadius: instrument.loopRadius, height: 0, receiverOffset: 0, table: table, bounds: bounds)
        kernels = KernelCache()
    }

    /// The decade index d with 10^d ≤ u < 10^{d+1}.
    static func decade(_ u: Double) -> Int {
        var d = Int(log10(u).rounded(.down))
        if pow(10, Double(d)) > u { d -= 1 }
        if pow(10, Double(d + 1)) <= u { d += 1 }
        return d
    }

    /// Total number of gates over all moments (the length of `forwardConcatenated`'s arrays).
    public var gateCount: Int { instrument.windowCount }

    /// Responses of one model, one per moment (window means of −dBz/dt in T/s and of Bz in T, per 1 A of peak
    /// current, secondary field, filtered). The model must be valid.
    public func forward(_ model: LayeredModel, geometry: SoundingGeometry = .ground,
                        workspace ws: ForwardWorkspace = ForwardWorkspace()) -> [Response] {
        let all = forwardConcatenated(model, geometry: geometry, workspace: ws)
        var out: [Response] = []
        var start = 0
        for m in instrument.moments {
            let r = start..<(start + m.windows.count)
            out.append(Response(dbzdt: Array(all.dbzdt[r]), bz: Array(all.bz[r])))
            start = r.upperBound
        }
        return out
    }

    /// One response with every moment's gates in order (moment 1's windows, then moment 2's, …).
    public func forwardConcatenated(_ model: LayeredModel, geometry: SoundingGeometry = .ground,
                                    workspace ws: ForwardWorkspace = ForwardWorkspace()) -> Response {
        let n = model.resistivities.count
        let nNodes = nodes.count
        ws.reserve(layers: n, nodes: nNodes, samples: nNodes)
        let sigma = ws.sigma, thick = ws.thick
        for j in 0..<n { sigma[j] = 1 / model.resistivities[j] }
        for j in 0..<(n - 1) { thick[j] = model.thicknesses[j] }
        let kernel = geometry.height == 0 && geometry.receiverOffset == 0 ? groundKernel
            : kernels.kernel(for: geometry) {
                LaplaceKernel(loopRadius: instrument.loopRadius, height: geometry.height,
                              receiverOffset: geometry.receiverOffset, table: table, bounds: bounds)
            }
        let S = ws.nodeValues
        let a = instrument.loopRadius
        nodes.withUnsafeBufferPointer { nodes in
            if kernel.onSurface && n == 1 {
                for q in 0..<nNodes { S[q] = .zero }
            } else {
                kernel.values(n: n, sigma: sigma, thick: thick, nodes: nodes, windows: windows, ws: ws, into: S)
            }
            if kernel.onSurface {
                for q in 0..<nNodes { S[q] += HalfSpace.laplace(s: nodes[q], sigma: sigma[0], loopRadius: a) }
            }
        }
        let c1 = kernel.bornCoefficient(layers: n, sigma: sigma, thick: thick, skipTopLayer: false)
        let sInf = kernel.sInfinity
        var dbzdt = [Double](repeating: 0, count: gateCount), bz = [Double](repeating: 0, count: gateCount)
        let rRe = ws.sampleDb, rIm = ws.sampleBz
        var alpha = [Double](repeating: 0, count: windows.count), beta = alpha
        var gateStart = 0
        nodes.withUnsafeBufferPointer { nodes in
            for (m, weights) in moments.enumerated() {
                // R = S − α S∞ − β c1 s per decade (the choice depends on the moment's filters).
                for (wi, win) in windows.enumerated() {
                    let (al, be) = subtractionAllowed[m][wi]
                        ? LaplaceContours.subtraction(nodes: nodes, S: S, start: win.nodeStart, count: win.nodeCount,
                                                      c1: c1, sInfinity: sInf, allowSInfinity: true)
                        : (0, 0)
                    alpha[wi] = al
                    beta[wi] = be
                    for q in win.nodeStart..<(win.nodeStart + win.nodeCount) {
                        rRe[q] = S[q].re - al * sInf - be * c1 * nodes[q].re
                        rIm[q] = S[q].im - be * c1 * nodes[q].im
                    }
                }
                for g in 0..<weights.gateCount {
                    let row = g * nNodes
                    var vd = 0.0, vb = 0.0
                    for q in 0..<nNodes {
                        vd += weights.dbRe[row + q] * rIm[q] + weights.dbIm[row + q] * rRe[q]
                        vb += weights.bRe[row + q] * rIm[q] + weights.bIm[row + q] * rRe[q]
                    }
                    let rowW = g * windows.count
                    for wi in 0..<windows.count where alpha[wi] != 0 || beta[wi] != 0 {
                        vd += alpha[wi] * sInf * weights.dbSInf[rowW + wi] + beta[wi] * c1 * weights.dbC1[rowW + wi]
                        vb += alpha[wi] * sInf * weights.bSInf[rowW + wi] + beta[wi] * c1 * weights.bC1[rowW + wi]
                    }
                    dbzdt[gateStart + g] = vd
                    bz[gateStart + g] = vb
                }
                gateStart += weights.gateCount
            }
        }
        return Response(dbzdt: dbzdt, bz: bz)
    }
}

/// Laplace kernels per sounding geometry, built on first use and shared by all threads (bounded: beyond
/// `capacity` geometries a kernel is built per call and not kept).
final class KernelCache: @unchecked Sendable {
    // Guarded by `lock`.
    private var kernels: [SoundingGeometry: LaplaceKernel] = [:]
    private let lock = NSLock()
    static let capacity = 4096

    func kernel(for geometry: SoundingGeometry, make: () -> LaplaceKernel) -> LaplaceKernel {
        lock.lock()
        if let k = kernels[geometry] { lock.unlock(); return k }
        lock.unlock()
        let k = make()
        lock.lock()
        if kernels.count < Self.capacity { kernels[geometry] = k }
        lock.unlock()
        return k
    }
}
