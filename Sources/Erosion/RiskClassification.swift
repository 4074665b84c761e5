/// Soil-loss risk classes from thresholds on the lowering rate of the surface (m/yr).
///
/// Soil loss A (t/ha/yr) is converted to a surface lowering rate with the soil bulk density ρ_b (t/m³):
///
///     rate (m/yr) = A / (10 000 m²/ha · ρ_b)
///
/// Class k (0…thresholds.count) is the number of thresholds ≤ rate, so with TerraSim's thresholds
/// 0.001, 0.005, 0.01, 0.05, 0.1 m/yr: 0 very low (< 1 mm/yr), 1 low, 2 moderate, 3 high,
/// 4 very high, 5 extreme (≥ 10 cm/yr). (1 mm/yr ≈ 13 t/ha/yr at ρ_b = 1.3 t/m³.)
public struct RiskClassification: Sendable, Hashable {
    /// TerraSim thresholds (m/yr).
    public static let terraSimThresholds: [Double] = [0.001, 0.005, 0.01, 0.05, 0.1]
    /// Default bulk density (t/m³).
    public static let defaultBulkDensity = 1.3
    /// Class value for nodata cells in a `UInt8` risk grid.
    public static let nodata: UInt8 = 255

    public let thresholds: [Double]
    public let bulkDensity: Double
    /// Soil-loss thresholds in t/ha/yr equivalent to `thresholds`.
    public let soilLossThresholds: [Double]

    /// - Throws: `ErosionError.invalidParameter` unless thresholds are finite, positive and strictly
    ///   increasing (1…254 of them) and the bulk density is finite and > 0.
    public init(thresholds: [Double] = terraSimThresholds, bulkDensity: Double = defaultBulkDensity) throws {
        guard !thresholds.isEmpty, thresholds.count < 255 else {
            throw ErosionError.invalidParameter(name: "risk_thresholds_m_per_yr", reason: "needs 1…254 thresholds")
        }
        for (a, b) in zip(thresholds, thresholds.dropFirst()) where !(b > a) {
            throw ErosionError.invalidParameter(name: "risk_thresholds_m_per_yr", reason: "must be strictly increasing (\(a) then \(b))")
        }
        guard thresholds.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw ErosionError.invalidParameter(name: "risk_thresholds_m_per_yr", reason: "must be finite and > 0")
        }
        guard bulkDensity.isFinite, bulkDensity > 0 else {
            throw ErosionError.invalidParameter(name: "soil_bulk_density_t_per_m3", reason: "must be finite and > 0, got \(bulkDensity)")
        }
        self.thresholds = thresholds
        self.bulkDensity = bulkDensity
        soilLossThresholds = thresholds.map { $0 * 10_000 * bulkDensity }
    }

    /// Number of classes (thresholds + 1).
    public var classCount: Int { thresholds.count + 1 }

    /// Lowering rate (m/yr) of a soil loss in t/ha/yr.
    @inlinable public func rate(soilLoss: Double) -> Double { soilLoss / (10_000 * bulkDensity) }

    /// Risk class of a soil loss in t/ha/yr.
    @inlinable public func riskClass(soilLoss: Double) -> UInt8 {
        var k: UInt8 = 0
        for t in soilLossThresholds where soilLoss >= t { k += 1 }
        return k
    }

    /// Class names: TerraSim's six names for five thresholds, else "class_k".
    public var classNames: [String] {
        if thresholds.count == 5 { return ["very_low", "low", "moderate", "high", "very_high", "extreme"] }
        return (0..<classCount).map { "class_\($0)" }
    }
}
