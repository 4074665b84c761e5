import GeoSupport
import Foundation
import Grid

/// Everything erosion scenarios need from a DEM, derived once (O(n log n)) and then shared,
/// read-only, by any number of concurrent scenario evaluations (`evaluate`).
///
/// Derivation: Priority-Flood fill (+ flat resolution) → D8 directions → accumulation (D8 or
/// MFD) → Horn slope/aspect on the filled DEM → LS (Desmet & Govers) → USPED topographic terms.
/// Slope, aspect and LS are computed on the *filled* DEM, so filled depressions are flat
/// (S = 0.03) — consistent with the routing, which carries water through them.
public struct Terrain: Sendable {
    public let width: Int
    public let height: Int
    /// Metric cell size.
    public let geometry: CellGeometry
    public let options: TerrainOptions
    /// The filled DEM (m).
    public let filled: Grid<Double>
    /// D8 directions on the filled DEM (flat-resolved).
    public let directions: FlowDirections
    /// Flow accumulation in cells (each valid cell counts itself; MFD gives fractional counts); nodata −1.
    public let accumulation: Grid<Double>
    /// Horn slope (degrees), nodata −9999.
    public let slope: Grid<Float>
    /// Horn aspect (degrees from north, clockwise), flat −1, nodata −9999.
    public let aspect: Grid<Float>
    /// RUSLE LS factor (dimensionless), nodata −9999.
    public let ls: Grid<Float>
    /// USPED transport capacity per unit R·K·C·P, times the unit downslope vector (x east, y north):
    /// qx = A_s^m (sin β)^n · s_x, qy = … · s_y; NaN where undefined.
    let uspedQx: [Float]
    let uspedQy: [Float]
    /// −div(q) per unit R·K·C·P (the USPED result for scalar factors); NaN where undefined.
    let uspedNet: [Float]
    /// Number of valid cells.
    public let validCount: Int

    /// Value stored for nodata in Float output grids.
    public static let nodata: Float = -9999

    /// Derives the terrain of `dem` (elevations in metres) with metric cell sizes `geometry`.
    /// - Parameter progress: called with (stage name, fraction 0…1 of the whole derivation).
    /// - Throws: `ErosionError.emptyGrid` when the DEM has no valid cell; parameter errors.
    public init(dem: Grid<Double>, geometry: CellGeometry, options: TerrainOptions = TerrainOptions(),
                progress: (@Sendable (String, Double) -> Void)? = nil) throws {
        let w = dem.width, h = dem.height, n = w * h
        let mask = ValidMask(dem)
        validCount = mask.validCount
        guard validCount > 0 else { throw ErosionError.emptyGrid(what: "the DEM") }
        guard options.uspedM.isFinite, options.uspedM >= 0 else { throw ErosionError.invalidParameter(name: "uspedM", reason: "must be ≥ 0") }
        guard options.uspedN.isFinite, options.uspedN >= 0 else { throw ErosionError.invalidParameter(name: "uspedN", reason: "must be ≥ 0") }
        width = w; height = h
        self.geometry = geometry
        self.options = options
        let jobs = max(1, options.jobs)

        progress?("fill", 0)
        var z = dem.values
        DepressionFilling.fill(&z, width: w, height: h, valid: mask.valid, method: options.fill)
        // Normalise nodata cells to the DEM's nodata value (or NaN).
        let nd = dem.nodata ?? .nan
        for i in 0..<n where !mask.valid[i] { z[i] = nd }
        filled = Grid(width: w, height: h, values: z, nodata: dem.nodata)

        progress?("flow directions", 0.3)
        var dirs = FlowDirections.d8(z: z, valid: mask.valid, width: w, height: h, geometry: geometry,
                                     border: options.border, flats: nil, jobs: jobs)
        if options.resolveFlats {
            let flats = FlatResolution.resolve(z: z, valid: mask.valid, width: w, height: h, base: dirs)
            if flats.flatCount > 0 { dirs = dirs.resolving(flats, valid: mask.valid, geometry: geometry) }
        }
        directions = dirs

        progress?("accumulation", 0.5)
        switch options.routing {
        case .d8: accumulation = try FlowAccumulation.d8(dirs)
        case .mfd: accumulation = try MultipleFlowDirections(exponent: options.mfdExponent)
                .accumulate(filled, geometry: geometry, d8: dirs)
        }

        progress?("slope and aspect", 0.65)
        slope = HornDerivatives.slope(filled, geometry: geometry, computeEdges: options.computeEdges, jobs: jobs)
        aspect = HornDerivatives.aspect(filled, geometry: geometry, flatAspect: -1, computeEdges: options.computeEdges, jobs: jobs)

        progress?("LS and USPED terms", 0.8)
        let (gx, gy) = HornDerivatives.gradient(filled, geometry: geometry, computeEdges: options.computeEdges, jobs: jobs)
        var lsv = [Float](repeating: Terrain.nodata, count: n)
        var qx = [Float](repeating: .nan, count: n), qy = [Float](repeating: .nan, count: n)
        let cellArea = geometry.area, d = geometry.length
        let um = options.uspedM, un = options.uspedN
        let acc = accumulation.values
        lsv.withUnsafeMutableBufferPointer { lp in
            qx.withUnsafeMutableBufferPointer { xp in
                qy.withUnsafeMutableBufferPointer { yp in
                    let lb = SharedBuffer(lp), xb = SharedBuffer(xp), yb = SharedBuffer(yp)
                    WorkerThreads.forRows(h, jobs: jobs) { rows in
                        for i in rows.lowerBound * w ..< rows.upperBound * w {
                            let a = acc[i]
                            guard a >= 0, gx[i].isFinite else { continue }
                            let area = a * cellArea                   // contributing area incl. the cell, m²
                            lb[i] = Float(LSFactor.ls(gx: gx[i], gy: gy[i], upslopeArea: area - cellArea, cellLength: d))
                            // USPED: A_s = area / flow width (m²/m); sin β from the Horn gradient.
                            let g = (gx[i] * gx[i] + gy[i] * gy[i]).squareRoot()
                            if g == 0 { xb[i] = 0; yb[i] = 0; continue }
                            let sinB = g / (1 + g * g).squareRoot()
                            let t = exp(um * log(area / d) + un * log(sinB))      // A_s^m (sin β)^n
                            xb[i] = Float(-gx[i] / g * t)
                            yb[i] = Float(-gy[i] / g * t)
                        }
                    }
                }
            }
        }
        ls = Grid(width: w, height: h, values: lsv, nodata: Terrain.nodata)
        uspedQx = qx
        uspedQy = qy
        uspedNet = USPED.netDeposition(qx: qx, qy: qy, factor: nil, width: w, height: h, geometry: geometry)
        progress?("done", 1)
    }

    /// Contributing area (m²) = accumulation × cell area; nodata −1.
    public var contributingArea: Grid<Double> {
        let a = geometry.area
        return accumulation.map(nodata: FlowAccumulation.nodata) { $0 < 0 ? FlowAccumulation.nodata : $0 * a }
    }

    /// Specific catchment area A_s (m²/m) = contributing area / flow width √(dx·dy); nodata −1.
    public var specificCatchmentArea: Grid<Double> {
        let a = geometry.area / geometry.length
        return accumulation.map(nodata: FlowAccumulation.nodata) { $0 < 0 ? FlowAccumulation.nodata : $0 * a }
    }
}
