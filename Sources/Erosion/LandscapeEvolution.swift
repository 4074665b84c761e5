import Foundation
import GeoSupport
import Grid

/// Landscape evolution: uplift + detachment-limited stream power (Braun & Willett 2013, implicit,
/// O(n) per step) + linear hillslope diffusion, on a DEM in metres.
///
/// Each step (operator splitting):
/// 1. Receivers: D8 steepest descent on the Priority-Flood+ε filled surface (so depressions drain
///    through their spill points; `drainOffGrid` border rule). Base level: the grid border and
///    cells next to nodata keep their elevation (no uplift, no erosion); nodata cells are ignored.
/// 2. Drainage area A (m²) by accumulation in topological order (Kahn), stack = that order.
/// 3. Stream power, implicit in z, from base level upstream (reverse stack order): with
///    F = K·dt·A^m / L^n (L distance to the receiver r),
///        n = 1:  z_i ← (z_i + U dt + F·z_r) / (1 + F)
///        n ≠ 1:  solve z − (z_i + U dt) + F·(z − z_r)^n = 0 by Newton from z_i + U dt (z ≥ z_r);
///    a cell at or below its receiver (inside a depression) only gets U·dt.
/// 4. Diffusion ∂z/∂t = D∇²z, explicit 5-point (dx, dy separately) with substeps at 0.9 × the
///    stability limit; base-level cells fixed, zero flux across nodata.
public struct LandscapeEvolution: Sendable {
    public let geometry: CellGeometry
    public let parameters: EvolutionParameters
    /// Current elevations (m).
    public private(set) var elevation: Grid<Double>
    /// Model time (yr).
    public private(set) var time = 0.0
    /// Steps taken.
    public private(set) var stepCount = 0
    private let valid: [Bool]
    private let baseLevel: [Bool]
    /// Drainage area (m²) of the last step.
    public private(set) var drainageArea: [Double] = []
    /// D8 receivers (linear index, −1 none) of the last step.
    public private(set) var receivers: [Int32] = []
    /// Explicit diffusion substeps per time step (stability limit dt ≤ 1/(2D(1/dx² + 1/dy²)) at 0.9).
    private let diffusionSubsteps: Int

    public init(dem: Grid<Double>, geometry: CellGeometry, parameters: EvolutionParameters) throws {
        let mask = ValidMask(dem)
        guard mask.validCount > 0 else { throw ErosionError.emptyGrid(what: "the DEM") }
        self.geometry = geometry
        self.parameters = parameters
        elevation = dem
        valid = mask.valid
        baseLevel = (0..<dem.count).map { mask.isOutlet($0) }
        diffusionSubsteps = try Self.substeps(parameters, geometry)
    }

    /// ⌈dt / (0.9 × stability limit)⌉ substeps (1 without diffusion), at most `EvolutionParameters.maximumSteps`.
    private static func substeps(_ p: EvolutionParameters, _ g: CellGeometry) throws -> Int {
        guard p.diffusivity > 0 else { return 1 }
        // the smallest cells (per-row sizes: the row nearest a pole) set the limit
        let dx = g.rowDx.min() ?? g.dx, dy = g.rowDy.min() ?? g.dy
        let limit = 1 / (2 * p.diffusivity * (1 / (dx * dx) + 1 / (dy * dy)))
        let ratio = p.dt / (0.9 * limit)
        do {
            return try CheckedSize.steps(ratio, field: "d", limit: EvolutionParameters.maximumSteps)
        } catch {
            throw ErosionError.invalidParameter(
                name: "d", reason: "diffusivity \(p.diffusivity) at dt = \(p.dt) needs \(ByteCount.grouped(ratio.rounded(.up))) "
                    + "diffusion substeps per time step, more than \(ByteCount.grouped(EvolutionParameters.maximumSteps))")
        }
    }

    /// Advances one time step of `parameters.dt` years.
    public mutating func step() {
        let w = elevation.width, h = elevation.height
        let p = parameters, dt = p.dt
        var z = elevation.values
        // 1. receivers on the ε-filled surface
        var zf = z
        DepressionFilling.fill(&zf, width: w, height: h, valid: valid, method: .epsilon)
        let dirs = FlowDirections.d8(z: zf, valid: valid, width: w, height: h, geometry: geometry,
                                     border: .drainOffGrid, flats: nil, jobs: 1)
        let recv = dirs.receivers
        // 2. stack and drainage area
        let order = FlowAccumulation.upstreamToDownstreamOrder(receivers: recv, valid: valid)
        var area = [Double](repeating: 0, count: w * h)
        for i in 0..<(w * h) where valid[i] { area[i] = geometry.area(row: i / w) }
        for o in order {
            let i = Int(o), r = Int(recv[i])
            if r >= 0 { area[r] += area[i] }
        }
        // 3. implicit stream power, downstream → upstream
        let dist = geometry.neighbourDistanceTable(rows: h)   // 8 per row
        let udt = p.uplift * dt
        for o in order.reversed() {
            let i = Int(o)
            if baseLevel[i] { continue }
            let r = Int(recv[i])
            let z0 = z[i] + udt
            guard r >= 0, p.k > 0 else { z[i] = z0; continue }
            let zr = z[r]
            guard z0 > zr else { z[i] = z0; continue }
            let k = D8.index(ofCode: dirs.codes.values[i])!
            let L = dist[8 * (i / w) + k]
            let f = p.k * dt * pow(area[i], p.m) / pow(L, p.n)
            if p.n == 1 {
                z[i] = (z0 + f * zr) / (1 + f)
            } else {
                var x = z0
                for _ in 0..<50 {
                    let d = max(x - zr, 0)
                    let g = x - z0 + f * pow(d, p.n)
                    let dg = 1 + p.n * f * pow(d, p.n - 1)
                    let nx = max(zr, x - g / dg)
                    if abs(nx - x) <= 1e-12 * max(1, abs(x)) { x = nx; break }
                    x = nx
                }
                z[i] = x
            }
        }
        // 4. diffusion
        if p.diffusivity > 0 { diffuse(&z) }
        elevation.values = z
        drainageArea = area
        receivers = recv
        time += dt
        stepCount += 1
    }

    /// Explicit linear diffusion for one time step, in `diffusionSubsteps` substeps for stability.
    mutating func diffuse(_ z: inout [Double]) {
        let w = elevation.width, h = elevation.height
        let D = parameters.diffusivity
        let ix2 = (0..<h).map { 1 / (geometry.dx(row: $0) * geometry.dx(row: $0)) }
        let iy2 = (0..<h).map { 1 / (geometry.dy(row: $0) * geometry.dy(row: $0)) }
        let steps = diffusionSubsteps
        let sdt = parameters.dt / Double(steps)
        var next = z
        for _ in 0..<steps {
            for r in 0..<h {
                for c in 0..<w {
                    let i = r * w + c
                    guard valid[i], !baseLevel[i] else { continue }
                    let zc = z[i]
                    // zero flux across nodata: a missing neighbour takes the centre value
                    let ze = valid[i + 1] ? z[i + 1] : zc, zw = valid[i - 1] ? z[i - 1] : zc
                    let zn = valid[i - w] ? z[i - w] : zc, zs = valid[i + w] ? z[i + w] : zc
                    next[i] = zc + sdt * D * ((ze - 2 * zc + zw) * ix2[r] + (zn - 2 * zc + zs) * iy2[r])
                }
            }
            swap(&z, &next)
        }
    }

    /// Runs until `years` have elapsed (⌈years/dt⌉ steps).
    /// - Parameters:
    ///   - snapshotEvery: call `snapshot(step, time, elevation)` every this many steps (and after the last); 0 = never.
    ///   - progress: called after each step with the fraction done.
    public mutating func run(years: Double, snapshotEvery: Int = 0,
                             snapshot: ((Int, Double, Grid<Double>) throws -> Void)? = nil,
                             progress: ((Double) -> Void)? = nil) throws {
        let steps = try parameters.stepCount(years: years)
        for s in 1...max(1, steps) where steps > 0 {
            step()
            if snapshotEvery > 0, s % snapshotEvery == 0 || s == steps { try snapshot?(stepCount, time, elevation) }
            progress?(Double(s) / Double(steps))
        }
    }
}
