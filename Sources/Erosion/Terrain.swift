import GeoSupport
import Foundation
import Grid

/// Everything erosion scenarios need from a DEM, derived once (O(n log n)) and then shared,
/// read-only, by any number of concurrent scenario evaluations (`evaluate`).
///
/// Derivation: Priority-Flood fill (+ flat resolution) → D8 directions → accumulation (D8 or
/// MFD) on the filled DEM; Horn slope/aspect → LS (Desmet & Govers) → USPED topographic terms on
/// the surface `options.slopeSource` names: by default the **input** DEM, so slope and aspect are
/// what `gdaldem slope/aspect` gives and filled depressions keep their real slopes (USPED exists to
/// show deposition in the concavities that filling removes). With `.filled` they are computed on the
/// filled DEM, where filled depressions are flat (S = 0.03), consistent with the routing.
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
    /// Contributing area in m² accumulated from each cell's own area, when the cell sizes vary by row
    /// (geographic DEMs); nil when they are uniform (then it is `accumulation` × the cell area).
    let areaAccumulation: [Double]?
    /// Horn slope (degrees) of the `options.slopeSource` surface, nodata −9999.
    public let slope: Grid<Float>
    /// Horn aspect of the `options.slopeSource` surface (degrees from north, clockwise), flat −1, nodata −9999.
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
        if geometry.isUniform {
            areaAccumulation = nil
        } else {
            let cellAreas = Grid<Double>(width: w, height: h) { _, r in geometry.area(row: r) }
            switch options.routing {
            case .d8: areaAccumulation = try FlowAccumulation.d8(dirs, weights: cellAreas).values
            case .mfd: areaAccumulation = try MultipleFlowDirections(exponent: options.mfdExponent)
                    .accumulate(filled, geometry: geometry, d8: dirs, weights: cellAreas).values
            }
        }

        progress?("slope and aspect", 0.65)
        let surface = options.slopeSource == .input ? dem : filled
        slope = HornDerivatives.slope(surface, geometry: geometry, computeEdges: options.computeEdges, jobs: jobs)
        aspect = HornDerivatives.aspect(surface, geometry: geometry, flatAspect: -1, computeEdges: options.computeEdges, jobs: jobs)

        progress?("LS and USPED terms", 0.8)
        let (gx, gy) = HornDerivatives.gradient(surface, geometry: geometry, computeEdges: options.computeEdges, jobs: jobs)
        var lsv = [Float](repeating: Terrain.nodata, count: n)
        var qx = [Float](repeating: .nan, count: n), qy = [Float](repeating: .nan, count: n)
        let um = options.uspedM, un = options.uspedN
        let uniformArea = geometry.area
        let acc = accumulation.values, areaAcc = areaAccumulation
        lsv.withUnsafeMutableBufferPointer { lp in
            qx.withUnsafeMutableBufferPointer { xp in
                qy.withUnsafeMutableBufferPointer { yp in
                    let lb = SharedBuffer(lp), xb = SharedBuffer(xp), yb = SharedBuffer(yp)
                    WorkerThreads.forRows(h, jobs: jobs) { rows in
                      for r in rows {
                        let cellArea = geometry.area(row: r), d = geometry.length(row: r)
                        for i in r * w ..< (r + 1) * w {
                            let a = acc[i]
                            guard a >= 0, gx[i].isFinite else { continue }
                            // contributing area incl. the cell, m²
                            let area = areaAcc?[i] ?? a * uniformArea
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
        }
        ls = Grid(width: w, height: h, values: lsv, nodata: Terrain.nodata)
        uspedQx = qx
        uspedQy = qy
        uspedNet = USPED.netDeposition(qx: qx, qy: qy, factor: nil, width: w, height: h, geometry: geometry)
        progress?("done", 1)
    }

    /// Contributing area (m²): accumulation × cell area, or the accumulated cell areas when sizes vary by
    /// row; nodata −1.
    public var contributingArea: Grid<Double> {
        if let areas = areaAccumulation { return Grid(width: width, height: height, values: areas, nodata: FlowAccumulation.nodata) }
        let a = geometry.area
        return accumulation.map(nodata: FlowAccumulation.nodata) { $0 < 0 ? FlowAccumulation.nodata : $0 * a }
    }

    /// Specific catchment area A_s (m²/m) = contributing area / flow width √(dx·dy) of the cell's row; nodata −1.
    public var specificCatchmentArea: Grid<Double> {
        if geometry.isUniform {
            let a = geometry.area / geometry.length
            return accumulation.map(nodata: FlowAccumulation.nodata) { $0 < 0 ? FlowAccumulation.nodata : $0 * a }
        }
        var out = contributingArea
        for r in 0..<height {
            let l = geometry.length(row: r)
            for i in r * width ..< (r + 1) * width where out.values[i] >= 0 { out.values[i] /= l }
        }
        return out
    }
}
