import Foundation
import XCTest
import Grid
@testable import Erosion

/// The memory-lean derivation paths of `Terrain` give the same layers as the plain ones.
final class TerrainTests: XCTestCase {
    private func assertSameLayers(_ a: Terrain, _ b: Terrain, _ label: String) {
        XCTAssertTrue(a.filled.isIdentical(to: b.filled), label)
        XCTAssertEqual(a.directions.codes, b.directions.codes, label)
        XCTAssertTrue(a.accumulation.isIdentical(to: b.accumulation), label)
        XCTAssertTrue(a.slope.isIdentical(to: b.slope), label)
        XCTAssertTrue(a.aspect.isIdentical(to: b.aspect), label)
        XCTAssertTrue(a.ls.isIdentical(to: b.ls), label)
    }

    /// `init(taking:)` empties the caller's grid and derives exactly what `init(dem:)` derives; slope and aspect
    /// equal `HornDerivatives` on the input whether the input is kept in Float32 (exact values) or Float64.
    func testTakingTheDEMGivesTheSameLayers() throws {
        let g = try CellGeometry(dx: 10, dy: 12)
        let integerDEM = TestDEM.random(width: 23, height: 17, seed: 5, levels: 9)       // exact in Float32
        let fineDEM = TestDEM.smooth(width: 23, height: 17, seed: 6)                      // needs Float64
        XCTAssertTrue(fineDEM.values.contains { Double(Float($0)) != $0 })
        for (label, dem) in [("integer", integerDEM), ("fine", fineDEM)] {
            let plain = try Terrain(dem: dem, geometry: g)
            var taken = dem
            let lean = try Terrain(taking: &taken, geometry: g, options: TerrainOptions(precomputeUSPED: false))
            XCTAssertEqual(taken.count, 0, "the caller's grid is handed over")
            assertSameLayers(plain, lean, label)
            let reference = HornDerivatives.slope(dem, geometry: g, computeEdges: true)
            XCTAssertTrue(plain.slope.isIdentical(to: reference), "\(label): slope of the input DEM")
            let aspect = HornDerivatives.aspect(dem, geometry: g, flatAspect: -1, computeEdges: true)
            XCTAssertTrue(plain.aspect.isIdentical(to: aspect), "\(label): aspect of the input DEM")
        }
    }

    /// Without precomputed USPED terms a scenario derives them (from the same slope, aspect and accumulation):
    /// the same soil loss and USPED result.
    func testScenarioWithoutPrecomputedUSPEDTermsAgrees() throws {
        let dem = TestDEM.smooth(width: 30, height: 24, seed: 11)
        let g = try CellGeometry(dx: 10, dy: 10)
        let full = try Terrain(dem: dem, geometry: g)
        let lean = try Terrain(dem: dem, geometry: g, options: TerrainOptions(precomputeUSPED: false))
        let base = FactorValues([.R: .scalar(400), .K: .scalar(0.02), .C: .scalar(0.3), .P: .scalar(1)])
        let scenario = try Scenario(name: "s").resolved(base: base)
        let a = try full.evaluate(scenario, risk: RiskClassification())
        let b = try lean.evaluate(scenario, risk: RiskClassification())
        XCTAssertEqual(a.soilLoss.values, b.soilLoss.values)
        XCTAssertTrue(a.netDeposition.isIdentical(to: b.netDeposition))
        XCTAssertGreaterThan(a.netDeposition.values.filter { $0 != Terrain.nodata }.map { abs($0) }.max()!, 0)
    }

    /// Float32 accumulation is exact for counts: equal to the Float64 kernel on a grid draining to one outlet.
    func testSingleAndDoubleAccumulationAreIdentical() throws {
        let dem = Grid<Double>(width: 300, height: 200) { c, r in Double(c + r) }
        let t = try Terrain(dem: dem, geometry: TestDEM.unit)
        XCTAssertNotNil(t.accumulationSingle)
        let reference = try FlowAccumulation.d8(t.directions)
        XCTAssertEqual(t.accumulation.values, reference.values)
        XCTAssertEqual(t.contributingArea(rows: 5..<7), Array(reference.values[1500..<2100]))
    }
}
