import Foundation
import XCTest
import Grid
@testable import Erosion

final class USPEDTests: XCTestCase {
    /// Interior cells' mean net deposition on an east-facing profile z(x), x in metres.
    func meanInteriorED(_ profile: (Double) -> Double) throws -> Double {
        let g = try CellGeometry(dx: 5, dy: 5)
        let dem = Grid<Double>(width: 40, height: 9) { c, _ in profile(Double(c) * 5) }
        let t = try Terrain(dem: dem, geometry: g)
        let base = FactorValues([.R: .scalar(100), .K: .scalar(0.03), .C: .scalar(0.1), .P: .scalar(1)])
        let res = try t.evaluate(Scenario(name: "s").resolved(base: base), risk: RiskClassification())
        var sum = 0.0, n = 0
        for r in 2..<7 { for c in 5..<35 { sum += Double(res.netDeposition[col: c, row: r]); n += 1 } }
        return sum / Double(n)
    }

    func testConvexProfileErodesAndConcaveProfileDeposits() throws {
        // convex (slope steepening downslope): z = 100 − 0.0005 x²
        XCTAssertLessThan(try meanInteriorED { 100 - 0.0005 * $0 * $0 }, 0, "convex → erosion (negative)")
        // concave (slope flattening downslope faster than the area grows): z = 50 e^(−x/20)
        XCTAssertGreaterThan(try meanInteriorED { 50 * exp(-$0 / 20) }, 0, "concave → deposition (positive)")
    }

    func testScalarAndGridFactorsGiveTheSameResult() throws {
        let dem = TestDEM.smooth(width: 20, height: 16, seed: 3)
        let g = try CellGeometry(dx: 10, dy: 10)
        let t = try Terrain(dem: dem, geometry: g)
        let risk = try RiskClassification()
        let scalar = FactorValues([.R: .scalar(400), .K: .scalar(0.02), .C: .scalar(0.3), .P: .scalar(1)])
        var gridded = scalar
        gridded[.C] = .raster("c.tif")
        let cGrid = Grid<Double>(width: 20, height: 16, repeating: 0.3)
        let a = try t.evaluate(Scenario(name: "a").resolved(base: scalar), risk: risk)
        let b = try t.evaluate(Scenario(name: "b").resolved(base: gridded), rasters: ["c.tif": cGrid], risk: risk)
        for i in 0..<dem.count {
            XCTAssertEqual(a.soilLoss.values[i], b.soilLoss.values[i], accuracy: 1e-4 * max(1, abs(a.soilLoss.values[i])))
            XCTAssertEqual(a.netDeposition.values[i], b.netDeposition.values[i], accuracy: 1e-3 * max(1, abs(a.netDeposition.values[i])))
        }
    }
}
