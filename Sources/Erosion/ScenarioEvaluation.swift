import GeoSupport
import Grid

extension Terrain {
    /// Evaluates one scenario: RUSLE soil loss, USPED net erosion/deposition, risk classes and a
    /// summary. Pure function of its inputs: safe to call concurrently from many threads on the same
    /// `Terrain`. Cost O(n) with a few passes; scalar-only scenarios reuse the precomputed USPED
    /// divergence (ED scales linearly with a constant R·K·C·P).
    ///
    /// - Parameters:
    ///   - scenario: the scenario, factors resolved.
    ///   - rasters: factor rasters by path (aligned with the DEM; nodata/NaN cells give nodata).
    ///   - risk: risk thresholds and bulk density.
    /// - Throws: `ErosionError.missingRaster` for an unknown path, `.sizeMismatch` for a raster of
    ///   the wrong size (naming factor and path), `.invalidScenario` when a valid cell's product
    ///   (R·K·C·P, × LS for soil loss, USPED's flux divergence) overflows to ∞ (naming scenario, factor
    ///   and cell) — rather than dropping those cells as nodata.
    public func evaluate(_ scenario: ResolvedScenario, rasters: [String: Grid<Double>] = [:],
                         risk: RiskClassification) throws -> ScenarioResult {
        let n = width * height
        let factor: [Float]? = try scenario.scalarProduct == nil ? factorGrid(scenario, rasters: rasters) : nil
        let scalar = Float(scenario.scalarProduct ?? 1)
        var loss = [Float](repeating: Terrain.nodata, count: n)
        var classes = [UInt8](repeating: RiskClassification.nodata, count: n)
        let uniform = geometry.isUniform
        var sum = 0.0, maxLoss = 0.0, count = 0
        var total = 0.0                  // Σ A·cell area (m²), only when sizes vary by row
        var classCells = [Int](repeating: 0, count: risk.classCount)
        var classArea = [Double](repeating: 0, count: risk.classCount)   // m², only when sizes vary by row
        let thresholds = risk.soilLossThresholds.map { Float($0) }
        let nodata = Terrain.nodata
        var overflow: Int?   // first cell whose soil loss is ∞
        ls.values.withUnsafeBufferPointer { lsv in
            loss.withUnsafeMutableBufferPointer { lp in
                classes.withUnsafeMutableBufferPointer { cp in
                    thresholds.withUnsafeBufferPointer { tp in
                        classCells.withUnsafeMutableBufferPointer { cc in
                            var rowSum = 0.0
                            for i in 0..<n {
                                let l = lsv[i]
                                let cellArea = uniform ? 0 : geometry.area(row: i / width)
                                guard l != nodata else { continue }
                                let f = factor?[i] ?? scalar
                                guard f.isFinite else { continue }
                                let a = f * l
                                if a.isInfinite, overflow == nil { overflow = i }
                                lp[i] = a
                                rowSum += Double(a)
                                if Double(a) > maxLoss { maxLoss = Double(a) }
                                var k = 0
                                while k < tp.count && a >= tp[k] { k += 1 }
                                cp[i] = UInt8(k)
                                cc[k] += 1
                                count += 1
                                if !uniform { total += Double(a) * cellArea; classArea[k] += cellArea }
                            }
                            sum = rowSum
                        }
                    }
                }
            }
        }
        if let i = overflow { throw overflowError(scenario.name, "LS", "soil loss R·K·LS·C·P", cell: i) }
        // USPED: −div(F·q); with a scalar F it is F times the precomputed divergence.
        let terms = uspedTerms()
        var ed: [Float] = factor.map {
            USPED.netDeposition(qx: terms.qx, qy: terms.qy, factor: $0, width: width, height: height, geometry: geometry)
        } ?? terms.net
        let edScale: Float = factor == nil ? scalar : 1
        var ero = 0.0, dep = 0.0   // Σ ED (× cell area in m² when sizes vary by row)
        ed.withUnsafeMutableBufferPointer { e in
            loss.withUnsafeBufferPointer { lp in
                for i in 0..<n {
                    let v = e[i] * edScale
                    if v.isInfinite && lp[i] != nodata && overflow == nil { overflow = i }
                    if v.isFinite && lp[i] != nodata {
                        e[i] = v
                        let x = uniform ? Double(v) : Double(v) * geometry.area(row: i / width)
                        if v < 0 { ero += x } else { dep += x }
                    } else { e[i] = nodata }
                }
            }
        }
        if let i = overflow { throw overflowError(scenario.name, "USPED", "USPED net deposition", cell: i) }
        var valid = [Float]()
        valid.reserveCapacity(count)
        for x in loss where x != nodata { valid.append(x) }
        let q = Percentiles.exact(&valid, [50, 95])
        let (p50, p95) = (q[0], q[1])
        // Totals in t/yr: t/(ha·yr) × cell area in ha (one area, or each cell's own when sizes vary by row).
        let cellHa = uniform ? geometry.area / 10_000 : 1 / 10_000.0
        let summary = ScenarioSummary(
            name: scenario.name, cellCount: count,
            meanSoilLoss: count > 0 ? sum / Double(count) : .nan, p50SoilLoss: p50, p95SoilLoss: p95,
            maxSoilLoss: count > 0 ? maxLoss : .nan, totalSoilLoss: (uniform ? sum : total) * cellHa,
            uspedErosion: ero * cellHa, uspedDeposition: dep * cellHa,
            areaPerClass: uniform ? classCells.map { Double($0) * geometry.area } : classArea)
        return ScenarioResult(
            soilLoss: Grid(width: width, height: height, values: loss, nodata: Terrain.nodata),
            netDeposition: Grid(width: width, height: height, values: ed, nodata: Terrain.nodata),
            riskClass: Grid(width: width, height: height, values: classes, nodata: RiskClassification.nodata),
            summary: summary)
    }

    /// Checks that every raster the scenarios use is present and aligned (size) with the DEM.
    public func validate(_ scenarios: [ResolvedScenario], rasters: [String: Grid<Double>]) throws {
        for s in scenarios {
            for f in Factor.allCases {
                guard case .raster(let p)? = s.terms[f]?.value else { continue }
                guard let g = rasters[p] else { throw ErosionError.missingRaster(factor: f.rawValue, path: p) }
                guard g.width == width, g.height == height else {
                    throw ErosionError.sizeMismatch(what: "factor \(f.rawValue) raster \(p)", expectedWidth: width,
                                                    expectedHeight: height, width: g.width, height: g.height)
                }
            }
        }
    }

    /// Per-cell R·K·C·P (NaN where a factor raster has nodata or a negative value). Throws when a
    /// cell's product overflows to ∞, naming the factor at which it does.
    func factorGrid(_ s: ResolvedScenario, rasters: [String: Grid<Double>]) throws -> [Float] {
        try validate([s], rasters: rasters)
        var f = [Float](repeating: 1, count: width * height)
        for factor in Factor.allCases {
            guard let t = s.terms[factor] else { continue }
            switch t.value {
            case .scalar(let v):
                let m = Float(v * t.multiplier)
                for i in 0..<f.count { f[i] *= m }
            case .raster(let p):
                let g = rasters[p]!
                let nd = g.nodata, m = t.multiplier
                g.values.withUnsafeBufferPointer { gv in
                    for i in 0..<f.count {
                        let v = gv[i]
                        f[i] = (v.isFinite && v >= 0 && (nd == nil || v != nd!)) ? f[i] * Float(v * m) : .nan
                    }
                }
            }
            if let i = f.firstIndex(where: \.isInfinite) {
                throw overflowError(s.name, factor.rawValue, "the product of the factors up to \(factor.rawValue)", cell: i)
            }
        }
        return f
    }

    /// The error for a product that overflowed to ∞ at cell `i` (row-major).
    private func overflowError(_ scenario: String, _ factor: String, _ what: String, cell i: Int) -> ErosionError {
        .invalidScenario(field: "\(scenario).\(factor)",
                         reason: "\(what) overflows to ∞ at cell (col \(i % width), row \(i / width)) in single precision (±3.4e38); use smaller factor values or units")
    }
}
