import XCTest
import Foundation
import Grid
@testable import Erosion

final class ScenarioTests: XCTestCase {
    let json = """
    {"base": {"R": 500, "K": 0.03, "C": 0.2, "P": 1.0},
     "scenarios": [{"name": "baseline"}, {"name": "high_rainfall", "multiply": {"R": 1.5}},
                   {"name": "protected", "set": {"C": 0.05}, "multiply": {"P": 0.5}}],
     "grid": {"R": [300, 600], "C": [0.1, 0.3]},
     "risk_thresholds_m_per_yr": [0.001, 0.005, 0.01, 0.05, 0.1],
     "soil_bulk_density_t_per_m3": 1.3}
    """

    func testDecodeAndExpand() throws {
        let file = try JSONDecoder().decode(ScenarioFile.self, from: Data(json.utf8))
        let s = try file.expanded()
        XCTAssertEqual(s.map(\.name), ["baseline", "high_rainfall", "protected",
                                       "grid_R300_C0.1", "grid_R300_C0.3", "grid_R600_C0.1", "grid_R600_C0.3"])
        XCTAssertEqual(s[1].scalarProduct!, 500 * 1.5 * 0.03 * 0.2, accuracy: 1e-12)
        XCTAssertEqual(s[2].scalarProduct!, 500 * 0.03 * 0.05 * 0.5, accuracy: 1e-12)
        XCTAssertEqual(s[5].scalarProduct!, 600 * 0.03 * 0.1, accuracy: 1e-12)
        XCTAssertEqual(try file.riskClassification().bulkDensity, 1.3)
    }

    func testRasterFactorPathsAndErrors() throws {
        let withRaster = #"{"base": {"R": 500, "K": "k.tif", "C": 0.2, "P": 1}}"#
        let file = try JSONDecoder().decode(ScenarioFile.self, from: Data(withRaster.utf8))
        XCTAssertEqual(try file.rasterPaths(), ["k.tif"])
        XCTAssertEqual(try file.expanded().map(\.name), ["baseline"])
        let dem = TestDEM.smooth(width: 10, height: 8, seed: 1)
        let t = try Terrain(dem: dem, geometry: TestDEM.unit)
        let s = try file.expanded()[0]
        XCTAssertThrowsError(try t.evaluate(s, risk: RiskClassification())) { e in
            XCTAssertEqual("\(e)", "factor K refers to raster k.tif, which was not loaded")
        }
        XCTAssertThrowsError(try t.evaluate(s, rasters: ["k.tif": Grid(width: 9, height: 8, repeating: 0.1)], risk: RiskClassification())) { e in
            XCTAssertEqual("\(e)", "factor K raster k.tif is 9×8 pixels but the DEM is 10×8")
        }
        let unknown = #"{"base": {"R": 500, "K": 0.1, "C": 0.2, "P": 1, "X": 3}}"#
        XCTAssertThrowsError(try JSONDecoder().decode(ScenarioFile.self, from: Data(unknown.utf8))) { e in
            XCTAssertEqual("\(e)", "invalid scenario field base.X: unknown factor (expected R, K, C or P)")
        }
        let missing = #"{"base": {"R": 500, "K": 0.1, "C": 0.2}}"#
        XCTAssertThrowsError(try JSONDecoder().decode(ScenarioFile.self, from: Data(missing.utf8)).expanded()) { e in
            XCTAssertEqual("\(e)", "invalid scenario field base.P: scenario baseline has no value for factor P")
        }
        let dup = #"{"base": {"R": 1, "K": 1, "C": 1, "P": 1}, "scenarios": [{"name": "a"}, {"name": "a"}]}"#
        XCTAssertThrowsError(try JSONDecoder().decode(ScenarioFile.self, from: Data(dup.utf8)).expanded())
    }

    func testTerraSimSetMultipliers() throws {
        let base = FactorValues([.R: .scalar(100), .K: .scalar(0.1), .C: .scalar(0.1), .P: .scalar(1)])
        let s = try ScenarioFile.terraSim(base: base).expanded()
        XCTAssertEqual(s.map(\.name), ["baseline", "high_rainfall", "low_vegetation", "extreme", "protected", "post_fire"])
        let b = s[0].scalarProduct!
        XCTAssertEqual(s.map { $0.scalarProduct! / b }, [1, 1.5, 2, 6, 0.25, 5].map { $0 }, accuracy: 1e-12)
    }

    func testRiskClassesAndSummary() throws {
        let risk = try RiskClassification()
        // 0.001 m/yr × 10 000 m²/ha × 1.3 t/m³ = 13 t/ha/yr
        XCTAssertEqual(risk.soilLossThresholds[0], 13, accuracy: 1e-9)
        XCTAssertEqual(risk.riskClass(soilLoss: 12.9), 0)
        XCTAssertEqual(risk.riskClass(soilLoss: 13), 1)
        XCTAssertEqual(risk.riskClass(soilLoss: 5000), 5)
        XCTAssertThrowsError(try RiskClassification(thresholds: [0.01, 0.001]))
        let dem = TestDEM.smooth(width: 30, height: 20, seed: 9)
        let g = try CellGeometry(dx: 10, dy: 10)
        let t = try Terrain(dem: dem, geometry: g)
        let base = FactorValues([.R: .scalar(500), .K: .scalar(0.03), .C: .scalar(0.2), .P: .scalar(1)])
        let res = try t.evaluate(Scenario(name: "b").resolved(base: base), risk: risk)
        let vals = res.soilLoss.values.filter { $0 != Terrain.nodata }.map(Double.init).sorted()
        XCTAssertEqual(res.summary.cellCount, vals.count)
        let pos = 0.95 * Double(vals.count - 1), k = Int(pos)
        XCTAssertEqual(res.summary.p95SoilLoss, vals[k] + (vals[k + 1] - vals[k]) * (pos - Double(k)), accuracy: 1e-9)
        let pos50 = 0.5 * Double(vals.count - 1), k50 = Int(pos50)
        XCTAssertEqual(res.summary.p50SoilLoss, vals[k50] + (vals[k50 + 1] - vals[k50]) * (pos50 - Double(k50)), accuracy: 1e-9)
        XCTAssertEqual(res.summary.meanSoilLoss, vals.reduce(0, +) / Double(vals.count), accuracy: 1e-6)
        XCTAssertEqual(res.summary.totalSoilLoss, vals.reduce(0, +) * 100 / 10_000, accuracy: 1e-3)
        XCTAssertEqual(res.summary.areaPerClass.reduce(0, +), Double(vals.count) * 100, accuracy: 1e-6)
    }

    /// A grid is counted before it is built: a billion combinations is an error in microseconds, not an OOM.
    func testOversizedGridsAreRefusedBeforeExpansion() throws {
        let axis = (1...1000).map { FactorValue.scalar(Double($0)) }
        let base = FactorValues([.R: .scalar(500), .K: .scalar(0.03), .C: .scalar(0.2), .P: .scalar(1)])
        let started = Date()
        XCTAssertThrowsError(try ScenarioFile(base: base, grid: ["R": axis, "K": axis, "C": axis]).expanded()) { error in
            XCTAssertTrue("\(error)".contains("1000000000 combinations, more than the 10000 scenarios"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
        XCTAssertEqual(try ScenarioFile(base: base, grid: ["R": Array(axis.prefix(100)), "K": Array(axis.prefix(100))]).expanded().count,
                       ScenarioFile.maxScenarios)
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
