import GeoSupport
import Foundation
import Grid

/// Everything erosion scenarios need from a DEM, derived once (O(n log n)) and then shared,
/// read-only, by any number of concurrent scenario evaluations (`evaluate`).
///
/// Derivation: Horn slope and aspect (as `gdaldem`) of the surface `options.slopeSource` names → Priority-Flood
/// fill (+ flat resolution) → D8 directions → accumulation (D8 or MFD) on the filled DEM → LS (Desmet &
/// Govers) and USPED topographic terms from that slope and aspect and the contributing area. By default the
/// surface is the **input** DEM, so slope and aspect are what `gdaldem slope/aspect` gives and filled
/// depressions keep their real slopes (USPED exists to show deposition in the concavities that filling
/// removes). With `.filled` they are computed on the filled DEM, where filled depressions are flat
/// (S = 0.03), consistent with the routing. LS and USPED take tan β = tan(slope) and the downslope
/// direction (sin, cos of the aspect), i.e. gdaldem's single-precision Horn gradient.
///
/// ## Memory (bytes per cell, D8 routing, uniform cell sizes, `precomputeUSPED` off as in `erosion derive`)
/// Peak ≈ 26 B/cell plus queues, during flat resolution: filled elevations 8 (the caller's DEM storage,
/// filled in place by `init(taking:)`), validity 1, slope 4 and aspect 4 (computed before filling, kept
/// for output), D8 codes 1 (receivers are derived from them), flat labels 4 + gradient mask 4 (freed
/// before accumulation; a 1 B low-edge flag before them). Then accumulation 4 (Float32: exact for counts below 2²⁴ cells; 8 above)
/// + in-degrees 1, then LS 4: 26 B/cell held at the end. The USPED terms add 12 (`precomputeUSPED`,
/// `erosion run`); per-row cell sizes (geographic DEMs) 8 for the accumulated areas; MFD 4 more for its
/// Float64 accumulation plus 5 transient.
public struct Terrain: Sendable {
    public let width: Int
    public let height: Int
    /// Metric cell size.
    public let geometry: CellGeometry
    public let options: TerrainOptions
    /// The filled DEM (m). 8 B/cell.
    public let filled: Grid<Double>
    /// D8 directions on the filled DEM (flat-resolved). 1 B/cell.
    public let directions: FlowDirections
    /// Accumulation in cells, Float32 (4 B/cell) when exact: D8 counts of fewer than 2²⁴ valid cells.
    let accumulationSingle: [Float]?
    /// Accumulation in cells, Float64 (8 B/cell) otherwise (MFD, or 2²⁴ cells and more).
    let accumulationDouble: [Double]?
    /// Contributing area in m² accumulated from each cell's own area, when the cell sizes vary by row
    /// (geographic DEMs, 8 B/cell); nil when they are uniform (then it is accumulation × the cell area).
    let areaAccumulation: [Double]?
    /// Horn slope (degrees) of the `options.slopeSource` surface, nodata −9999. 4 B/cell.
    public let slope: Grid<Float>
    /// Horn aspect of the `options.slopeSource` surface (degrees from north, clockwise), flat −1, nodata −9999. 4 B/cell.
    public let aspect: Grid<Float>
    /// RUSLE LS factor (dimensionless), nodata −9999. 4 B/cell.
    public let ls: Grid<Float>
    /// USPED transport capacity per unit R·K·C·P, times the unit downslope vector (x east, y north):
    /// qx = A_s^m (sin β)^n · s_x, qy = … · s_y; NaN where undefined, and −div(q) (the USPED result for
    /// scalar factors). 12 B/cell, present when `options.precomputeUSPED`; otherwise `evaluate` derives them
    /// from slope, aspect and accumulation (`uspedTerms`).
    let usped: USPEDTerms?
    /// Number of valid cells.
    public let validCount: Int

    /// Value stored for nodata in Float output grids.
    public static let nodata: Float = -9999

    /// Derives the terrain of `dem` (elevations in metres) with metric cell sizes `geometry`.
    /// - Parameter progress: called with (stage name, fraction 0…1 of the whole derivation).
    /// - Throws: `ErosionError.emptyGrid` when the DEM has no valid cell; parameter errors.
    public init(dem: Grid<Double>, geometry: CellGeometry, options: TerrainOptions = TerrainOptions(),
                progress: (@Sendable (String, Double) -> Void)? = nil) throws {
        var copy = dem
        try self.init(taking: &copy, geometry: geometry, options: options, progress: progress)
    }

    /// Derives the terrain of `dem`, taking its storage: `dem` is left empty (0 × 0) and, when nothing else
    /// holds its values, they are filled in place (no copy of the elevations).
    public init(taking dem: inout Grid<Double>, geometry: CellGeometry, options: TerrainOptions = TerrainOptions(),
                progress: (@Sendable (String, Double) -> Void)? = nil) throws {
        let w = dem.width, h = dem.height, n = w * h
        let nodataValue = dem.nodata
        guard options.uspedM.isFinite, options.uspedM >= 0 else { throw ErosionError.invalidParameter(name: "uspedM", reason: "must be ≥ 0") }
        guard options.uspedN.isFinite, options.uspedN >= 0 else { throw ErosionError.invalidParameter(name: "uspedN", reason: "must be ≥ 0") }
        guard geometry.isUniform || geometry.rowDx.count == h else {
            throw ErosionError.sizeMismatch(what: "per-row cell sizes", expectedWidth: 1, expectedHeight: h, width: 1, height: geometry.rowDx.count)
        }
        var z = dem.values
        dem = Grid(width: 0, height: 0, values: [])
        // Validity: 1 B/cell, until the end of the derivation.
        let valid = z.map { $0.isFinite && (nodataValue == nil || $0 != nodataValue!) }
        validCount = valid.reduce(0) { $0 + ($1 ? 1 : 0) }
        guard validCount > 0 else { throw ErosionError.emptyGrid(what: "the DEM") }
        width = w; height = h
        self.geometry = geometry
        self.options = options
        let jobs = max(1, options.jobs)

        // Slope and aspect of the input DEM before it is filled in place (slope and aspect are kept: 8 B/cell).
        let pass = SurfacePass(geometry: geometry, height: h, options: options)
        var surface: (slope: [Float], aspect: [Float])? = nil
        if options.slopeSource == .input {
            progress?("slope and aspect", 0)
            surface = z.withUnsafeBufferPointer { pass.slopeAndAspect($0, valid: valid, width: w) }
        }

        progress?("fill", 0)
        DepressionFilling.fill(&z, width: w, height: h, valid: valid, method: options.fill)
        // Normalise nodata cells to the DEM's nodata value (or NaN).
        let nd = nodataValue ?? .nan
        for i in 0..<n where !valid[i] { z[i] = nd }

        progress?("flow directions", 0.3)
        var dirs = FlowDirections.d8(z: z, valid: valid, width: w, height: h, geometry: geometry,
                                     border: options.border, flats: nil, jobs: jobs)
        if options.resolveFlats {
            let flats = FlatResolution.resolve(z: z, valid: valid, width: w, height: h, base: dirs)
            if flats.flatCount > 0 { dirs.resolve(flats, valid: valid, geometry: geometry) }
        }
        directions = dirs
        filled = Grid(width: w, height: h, values: z, nodata: nodataValue)

        progress?("accumulation", 0.5)
        let accS: [Float]?, accD: [Double]?, areaAcc: [Double]?
        switch options.routing {
        case .d8 where validCount < 1 << 24:
            accS = FlowAccumulation.d8Values(dirs, weights: nil, as: Float.self)
            accD = nil
        case .d8:
            accS = nil
            accD = FlowAccumulation.d8Values(dirs, weights: nil, as: Double.self)
        case .mfd:
            accS = nil
            accD = try MultipleFlowDirections(exponent: options.mfdExponent).accumulate(filled, geometry: geometry, d8: dirs).values
        }
        if geometry.isUniform {
            areaAcc = nil
        } else {
            let cellAreas = Grid<Double>(width: w, height: h) { _, r in geometry.area(row: r) }
            switch options.routing {
            case .d8: areaAcc = FlowAccumulation.d8Values(dirs, weights: cellAreas, as: Double.self)
            case .mfd: areaAcc = try MultipleFlowDirections(exponent: options.mfdExponent)
                    .accumulate(filled, geometry: geometry, d8: dirs, weights: cellAreas).values
            }
        }
        accumulationSingle = accS
        accumulationDouble = accD
        areaAccumulation = areaAcc

        if surface == nil {
            progress?("slope and aspect", 0.65)
            surface = z.withUnsafeBufferPointer { pass.slopeAndAspect($0, valid: valid, width: w) }
        }
        progress?("LS and USPED terms", 0.8)
        let area = geometry.area
        let contributing = { (i: Int) in Terrain.contributing(i, accumulationSingle: accS, accumulationDouble: accD, areas: areaAcc, cellArea: area) }
        let (slopeValues, aspectValues) = surface!
        let terms = pass.lsAndUSPED(slope: slopeValues, aspect: aspectValues, width: w, contributing: contributing)
        slope = Grid(width: w, height: h, values: slopeValues, nodata: Terrain.nodata)
        aspect = Grid(width: w, height: h, values: aspectValues, nodata: Terrain.nodata)
        ls = Grid(width: w, height: h, values: terms.ls, nodata: Terrain.nodata)
        if let qx = terms.qx, let qy = terms.qy {
            usped = USPEDTerms(qx: qx, qy: qy, net: USPED.netDeposition(qx: qx, qy: qy, factor: nil, width: w, height: h, geometry: geometry))
        } else {
            usped = nil
        }
        progress?("done", 1)
    }

    /// Contributing area (m², including the cell) of cell i; negative for nodata.
    @inline(__always) func contributing(_ i: Int) -> Double {
        Terrain.contributing(i, accumulationSingle: accumulationSingle, accumulationDouble: accumulationDouble,
                             areas: areaAccumulation, cellArea: geometry.area)
    }

    @inline(__always) static func contributing(_ i: Int, accumulationSingle: [Float]?, accumulationDouble: [Double]?,
                                               areas: [Double]?, cellArea: Double) -> Double {
        if let areas { return areas[i] }
        let cells = accumulationSingle.map { Double($0[i]) } ?? accumulationDouble![i]
        return cells < 0 ? cells : cells * cellArea
    }

    /// Accumulation of cell i in cells (−1 for nodata).
    public func accumulation(at i: Int) -> Double {
        accumulationSingle.map { Double($0[i]) } ?? accumulationDouble![i]
    }

    /// Flow accumulation in cells (each valid cell counts itself; MFD gives fractional counts); nodata −1.
    /// Built on each access (8 B/cell): hoist it out of loops, or use `accumulation(at:)` / `accumulation(rows:)`.
    public var accumulation: Grid<Double> {
        Grid(width: width, height: height, values: accumulation(rows: 0..<height), nodata: FlowAccumulation.nodata)
    }

    /// The accumulation of the rows `rows` (row-major), for writing in blocks.
    public func accumulation(rows: Range<Int>) -> [Double] {
        let range = rows.lowerBound * width ..< rows.upperBound * width
        if let s = accumulationSingle { return s[range].map { Double($0) } }
        return Array(accumulationDouble![range])
    }

    /// The contributing area (m²) of the rows `rows` (row-major; nodata −1), for writing in blocks.
    public func contributingArea(rows: Range<Int>) -> [Double] {
        (rows.lowerBound * width ..< rows.upperBound * width).map { i in
            let a = contributing(i)
            return a < 0 ? FlowAccumulation.nodata : a
        }
    }

    /// Contributing area (m²): accumulation × cell area, or the accumulated cell areas when sizes vary by
    /// row; nodata −1. Built on each access (8 B/cell).
    public var contributingArea: Grid<Double> {
        Grid(width: width, height: height, values: contributingArea(rows: 0..<height), nodata: FlowAccumulation.nodata)
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

    /// The USPED terms: precomputed, or derived now from slope, aspect and accumulation (identical values).
    func uspedTerms() -> USPEDTerms {
        if let usped { return usped }
        var options = self.options
        options.precomputeUSPED = true
        let terms = SurfacePass(geometry: geometry, height: height, options: options)
            .lsAndUSPED(slope: slope.values, aspect: aspect.values, width: width, contributing: { contributing($0) })
        return USPEDTerms(qx: terms.qx!, qy: terms.qy!,
                          net: USPED.netDeposition(qx: terms.qx!, qy: terms.qy!, factor: nil, width: width, height: height, geometry: geometry))
    }
}

/// USPED's per-unit-factor flux components and their negative divergence (see `Terrain.usped`).
struct USPEDTerms: Sendable {
    let qx: [Float]
    let qy: [Float]
    let net: [Float]
}
