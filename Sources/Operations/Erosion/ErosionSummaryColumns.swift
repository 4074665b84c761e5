import Erosion
import Foundation
import GeoSupport

/// The columns of an erosion scenario's summary, declared once: `erosion run`'s summary.csv and the result
/// values of the `erosion-scenario` job kind (t/ha/yr, t/yr, m² per risk class).
public enum ErosionSummaryColumns {
    /// A numeric column: its name, its value in a summary, whether it is a count (written as an integer).
    private struct Column: Sendable {
        let name: String
        let value: @Sendable (ScenarioSummary) -> Double
        var isCount = false
    }

    private static let numeric = [
        Column(name: "cells", value: { Double($0.cellCount) }, isCount: true),
        Column(name: "mean_t_ha_yr", value: { $0.meanSoilLoss }),
        Column(name: "p50_t_ha_yr", value: { $0.p50SoilLoss }),
        Column(name: "p95_t_ha_yr", value: { $0.p95SoilLoss }),
        Column(name: "max_t_ha_yr", value: { $0.maxSoilLoss }),
        Column(name: "total_t_yr", value: { $0.totalSoilLoss }),
        Column(name: "usped_erosion_t_yr", value: { $0.uspedErosion }),
        Column(name: "usped_deposition_t_yr", value: { $0.uspedDeposition }),
    ]

    /// The name of the text column holding the scenario name.
    public static let scenario = "scenario"

    /// Every column name: `scenario`, the numeric columns, then `area_m2_<class>` per risk class.
    public static func names(risk: RiskClassification) -> [String] {
        [scenario] + numeric.map(\.name) + risk.classNames.map { "area_m2_\($0)" }
    }

    /// The numeric columns of `s` (every column but `scenario`), by name, in column order.
    public static func numbers(_ s: ScenarioSummary, risk: RiskClassification) -> [(name: String, value: Double)] {
        numeric.map { ($0.name, $0.value(s)) } + zip(risk.classNames, s.areaPerClass).map { ("area_m2_\($0)", $1) }
    }

    /// The summary table as CSV text: a header, then one row per scenario (`%.6g`, counts as integers,
    /// non-finite values empty).
    public static func csv(_ rows: [ScenarioSummary], risk: RiskClassification) -> String {
        func f(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "" }
        let body = rows.map { s in
            [s.name] + numeric.map { $0.isCount ? "\(Int($0.value(s)))" : f($0.value(s)) } + s.areaPerClass.map(f)
        }
        return CSVWriter.text([names(risk: risk)] + body)
    }
}
