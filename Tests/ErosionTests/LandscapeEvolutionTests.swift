import Foundation
import XCTest
import Grid
import Raster
import TestSupport
@testable import Erosion

final class LandscapeEvolutionTests: XCTestCase {
    /// A Gaussian bump h·exp(−r²/2σ²) diffuses as h·σ²/(σ²+2Dt)·exp(−r²/2(σ²+2Dt)).
    func testDiffusionOfAGaussianMatchesTheHeatEquation() throws {
        let n = 81, c0 = 40.0, sigma = 4.0, h0 = 10.0, D = 0.5, years = 20.0
        let g = try CellGeometry(dx: 1, dy: 1)
        let dem = Grid<Double>(width: n, height: n) { c, r in
            let r2 = (Double(c) - c0) * (Double(c) - c0) + (Double(r) - c0) * (Double(r) - c0)
            return h0 * exp(-r2 / (2 * sigma * sigma))
        }
        var model = try LandscapeEvolution(dem: dem, geometry: g,
                                           parameters: EvolutionParameters(k: 0, diffusivity: D, uplift: 0, dt: 5))
        try model.run(years: years)
        let s2 = sigma * sigma + 2 * D * years
        var maxErr = 0.0
        for r in 0..<n { for c in 0..<n {
            let r2 = (Double(c) - c0) * (Double(c) - c0) + (Double(r) - c0) * (Double(r) - c0)
            let exact = h0 * sigma * sigma / s2 * exp(-r2 / (2 * s2))
            maxErr = max(maxErr, abs(model.elevation[col: c, row: r] - exact))
        } }
        XCTAssertLessThan(maxErr, 0.01 * h0, "max error \(maxErr)")
        XCTAssertEqual(model.time, years)
    }

    /// At steady state U = K A^m S^n on every non-base-level cell: S = (U/K)^(1/n) A^(−m/n).
    func steadyState(n: Double) throws {
        let g = try CellGeometry(dx: 100, dy: 100)
        let dem = TestDEM.smooth(width: 16, height: 12, seed: 5)
        let U = 1e-3, K = 2e-5
        var model = try LandscapeEvolution(dem: dem, geometry: g,
                                           parameters: EvolutionParameters(k: K, m: 0.5, n: n, uplift: U, dt: 2e4))
        for _ in 0..<400 { model.step() }
        let z = model.elevation.values
        var checked = 0
        let dist = g.neighbourDistances
        let mask = ValidMask(model.elevation)
        for i in 0..<z.count where !mask.isOutlet(i) {
            let r = Int(model.receivers[i])
            XCTAssertGreaterThanOrEqual(r, 0)
            let w = model.elevation.width
            let dr = r / w - i / w, dc = r % w - i % w
            let k = (0..<8).first { D8.rowOffsets[$0] == dr && D8.colOffsets[$0] == dc }!
            let slope = (z[i] - z[r]) / dist[k]
            let expected = pow(U / K, 1 / n) * pow(model.drainageArea[i], -0.5 / n)
            XCTAssertEqual(slope, expected, accuracy: 1e-6 * expected, "cell \(i)")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testStreamPowerSteadyStateN1() throws { try steadyState(n: 1) }
    func testStreamPowerSteadyStateN2Newton() throws { try steadyState(n: 2) }

    func testSnapshotsAndProgress() throws {
        let dem = TestDEM.smooth(width: 10, height: 10, seed: 2)
        var model = try LandscapeEvolution(dem: dem, geometry: TestDEM.unit,
                                           parameters: EvolutionParameters(k: 1e-4, diffusivity: 0.01, uplift: 1e-3, dt: 10))
        var snaps: [Int] = [], last = 0.0
        try model.run(years: 100, snapshotEvery: 3, snapshot: { s, _, _ in snaps.append(s) }, progress: { last = $0 })
        XCTAssertEqual(snaps, [3, 6, 9, 10])
        XCTAssertEqual(last, 1)
        XCTAssertThrowsError(try EvolutionParameters(k: -1, dt: 1)) { e in
            XCTAssertEqual("\(e)", "invalid parameter k: must be finite and ≥ 0, got -1.0")
        }
    }

    /// Against fastscapelib 0.3.0 (Braun & Willett's reference implementation; fixtures/fastscape, made by
    /// scripts/fastscape-reference.py): 100 steps of uplift + implicit stream power (n = 1, no diffusion) on a
    /// pit-free DEM with fixed borders agree to 1e-6 relative. (Diffusion schemes and sink handling differ by
    /// design; see the script.)
    func testHundredStepsMatchFastscapelib() throws {
        let dem = try RasterFile.read(TestSupport.fixture("fastscape/dem.tif"), as: Double.self).grid
        let expected = try RasterFile.read(TestSupport.fixture("fastscape/elevation_100.tif"), as: Double.self).grid
        let parameters = try EvolutionParameters(k: 1e-4, m: 0.5, n: 1, diffusivity: 0, uplift: 1e-3, dt: 1000)
        var model = try LandscapeEvolution(dem: dem, geometry: try CellGeometry(dx: 100, dy: 100), parameters: parameters)
        for _ in 0..<100 { model.step() }
        var worst = 0.0, moved = 0.0
        for i in 0..<dem.count {
            let a = model.elevation.values[i], b = expected.values[i]
            worst = max(worst, abs(a - b) / max(1, abs(b)))
            moved = max(moved, abs(b - dem.values[i]))
        }
        XCTAssertLessThanOrEqual(worst, 1e-6, "largest relative difference from fastscapelib")
        XCTAssertGreaterThan(moved, 10, "the landscape changed by metres, so the comparison means something")
    }
}
