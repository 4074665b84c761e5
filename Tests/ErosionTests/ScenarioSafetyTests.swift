import XCTest
import Foundation
import Grid
@testable import Erosion

/// Scenario names become file names; factor products that overflow are errors, not empty results.
final class ScenarioSafetyTests: XCTestCase {
    private func file(_ json: String) throws -> ScenarioFile {
        try JSONDecoder().decode(ScenarioFile.self, from: Data(json.utf8))
    }

    func testNamesThatAreNotPlainFileNamesAreRejected() throws {
        for bad in ["../../x", "a/b", "..", ".hidden", "a\\\\b"] {
            let f = try file(#"{"base": {"R": 1, "K": 1, "C": 1, "P": 1}, "scenarios": [{"name": "\#(bad)"}]}"#)
            XCTAssertThrowsError(try f.expanded(), bad) { e in
                XCTAssertTrue("\(e)".hasPrefix("invalid scenario field scenarios.name: scenario name '"), "\(e)")
            }
        }
    }

    func testGridNamesFromRasterPathsAreMadeSafe() throws {
        let f = try file(#"{"base": {"R": 1, "K": 1, "C": 1, "P": 1}, "grid": {"K": ["../k/k.tif", 2]}}"#)
        let names = try f.expanded().map(\.name)
        XCTAssertEqual(names, ["grid_K.._k_k.tif", "grid_K2"])
    }

    func testScalarProductOverflowNamesScenarioAndFactor() throws {
        let f = try file(#"{"base": {"R": 1e300, "K": 1e300, "C": 1, "P": 1}, "scenarios": [{"name": "huge"}]}"#)
        XCTAssertThrowsError(try f.expanded()) { e in
            let text = "\(e)"
            XCTAssertTrue(text.hasPrefix("invalid scenario field huge.R:"), text)   // 1e300 is already beyond Float
            XCTAssertFalse(text.contains("\n"))
        }
        let g = try file(#"{"base": {"R": 1e20, "K": 1e20, "C": 1, "P": 1}, "scenarios": [{"name": "big"}]}"#)
        XCTAssertThrowsError(try g.expanded()) { e in XCTAssertTrue("\(e)".hasPrefix("invalid scenario field big.K:"), "\(e)") }
        XCTAssertNoThrow(try file(#"{"base": {"R": 1e30, "K": 1e5, "C": 1, "P": 1}}"#).expanded())
    }

    func testOverflowInARasterFactorOrTimesLSIsAnError() throws {
        let dem = TestDEM.smooth(width: 10, height: 8, seed: 1)
        let t = try Terrain(dem: dem, geometry: TestDEM.unit)
        let raster = try file(#"{"base": {"R": 1e30, "K": "k.tif", "C": 1, "P": 1}}"#).expanded()[0]
        var k = Grid<Double>(width: 10, height: 8, repeating: 1)
        k.values[13] = 1e20
        XCTAssertThrowsError(try t.evaluate(raster, rasters: ["k.tif": k], risk: RiskClassification())) { e in
            XCTAssertTrue("\(e)".hasPrefix("invalid scenario field baseline.K:"), "\(e)")
            XCTAssertTrue("\(e)".contains("col 3, row 1"), "\(e)")
        }
        let nearMax = try file(#"{"base": {"R": 3e38, "K": 1, "C": 1, "P": 1}}"#).expanded()[0]
        XCTAssertGreaterThan(t.ls.values.filter { $0 != Terrain.nodata }.max() ?? 0, 1.2)
        XCTAssertThrowsError(try t.evaluate(nearMax, risk: RiskClassification())) { e in
            XCTAssertTrue("\(e)".hasPrefix("invalid scenario field baseline.LS:"), "\(e)")
        }
    }
}
