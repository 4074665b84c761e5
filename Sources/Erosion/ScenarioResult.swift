import Grid

/// Per-scenario summary statistics over the cells with a soil loss.
public struct ScenarioSummary: Sendable, Hashable {
    public var name: String
    /// Cells with a defined soil loss.
    public var cellCount: Int
    /// Mean, median and 95th percentile (linear interpolation, as numpy) of A, t/(ha·yr).
    public var meanSoilLoss: Double
    public var p50SoilLoss: Double
    public var p95SoilLoss: Double
    public var maxSoilLoss: Double
    /// Σ A · cell area: total soil loss, t/yr.
    public var totalSoilLoss: Double
    /// USPED: Σ of negative ED (net erosion, ≤ 0) and of positive ED (deposition, ≥ 0) × cell area, nominal t/yr.
    public var uspedErosion: Double
    public var uspedDeposition: Double
    /// Area (m²) in each risk class 0…thresholds.count.
    public var areaPerClass: [Double]
}

/// The grids and summary of one scenario evaluation.
public struct ScenarioResult: Sendable {
    /// RUSLE soil loss A = R·K·LS·C·P, t/(ha·yr), nodata −9999.
    public var soilLoss: Grid<Float>
    /// USPED net erosion (< 0) / deposition (> 0), nominal t/(ha·yr), nodata −9999.
    public var netDeposition: Grid<Float>
    /// Risk class per cell (0…thresholds.count), nodata 255.
    public var riskClass: Grid<UInt8>
    public var summary: ScenarioSummary
}
