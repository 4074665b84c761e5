import Erosion
import Grid
import Operations
import XCTest

/// The erosion summary columns are declared once: the CSV header, the numeric values and their names agree.
final class ErosionSummaryColumnsTests: XCTestCase {
    private func summary() throws -> (ScenarioSummary, RiskClassification) {
        let dem = Grid<Double>(width: 12, height: 10) { col, row in 100 - Double(col) * 0.5 - Double(row) * 0.8 }
        let terrain = try Terrain(dem: dem, geometry: try CellGeometry(dx: 10, dy: 10))
        let base = FactorValues([.R: .scalar(500), .K: .scalar(0.03), .C: .scalar(0.2), .P: .scalar(1)])
        let scenario = try Scenario(name: "base").resolved(base: base)
        let risk = try RiskClassification()
        return (try terrain.evaluate(scenario, risk: risk).summary, risk)
    }

    func testHeaderValuesAndCSVShareOneDeclaration() throws {
        let (s, risk) = try summary()
        let names = ErosionSummaryColumns.names(risk: risk)
        XCTAssertEqual(Array(names.prefix(9)), ["scenario", "cells", "mean_t_ha_yr", "p50_t_ha_yr", "p95_t_ha_yr",
                                                "max_t_ha_yr", "total_t_yr", "usped_erosion_t_yr", "usped_deposition_t_yr"])
        XCTAssertEqual(names.count, 9 + risk.classNames.count)
        let numbers = ErosionSummaryColumns.numbers(s, risk: risk)
        XCTAssertEqual([ErosionSummaryColumns.scenario] + numbers.map(\.name), names)
        XCTAssertEqual(numbers.first?.value, Double(s.cellCount))
        let lines = ErosionSummaryColumns.csv([s], risk: risk).split(whereSeparator: \.isNewline)
        XCTAssertEqual(lines.count, 2)
        XCTAssertEqual(lines[0].split(separator: ",").map(String.init), names)
        XCTAssertTrue(lines[1].hasPrefix("base,\(s.cellCount),"), String(lines[1]))
    }
}
