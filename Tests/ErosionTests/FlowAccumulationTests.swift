import Foundation
import XCTest
import Grid
@testable import Erosion

final class FlowAccumulationTests: XCTestCase {
    /// Recursive upstream count: 1 + Σ over cells whose code points at this cell (a valid in-grid cell).
    func bruteForceAccumulation(_ dirs: FlowDirections, _ i: Int) -> Double {
        let codes = dirs.codes
        var total = 1.0
        for j in 0..<codes.count {
            guard let k = D8.index(ofCode: codes.values[j]) else { continue }
            let r = j / codes.width + D8.rowOffsets[k], c = j % codes.width + D8.colOffsets[k]
            guard codes.contains(col: c, row: r), codes[col: c, row: r] != D8.nodata, r * codes.width + c == i else { continue }
            total += bruteForceAccumulation(dirs, j)
        }
        return total
    }

    func testD8AccumulationMatchesRecursiveCountOnConditionedGrids() throws {
        for seed in UInt64(1)...15 {
            for rule in BorderRule.allCases {
                let dem = TestDEM.random(width: 8, height: 7, seed: seed, levels: 4)
                let t = try Terrain(dem: dem, geometry: TestDEM.unit, options: TerrainOptions(border: rule))
                let acc = try FlowAccumulation.d8(t.directions)
                for i in 0..<dem.count {
                    if t.directions.codes.values[i] == D8.nodata {
                        XCTAssertEqual(acc.values[i], FlowAccumulation.nodata)
                    } else {
                        XCTAssertEqual(acc.values[i], bruteForceAccumulation(t.directions, i), "seed \(seed) \(rule) cell \(i)")
                    }
                }
                XCTAssertEqual(acc.values, t.accumulation.values)
            }
        }
    }

    func testPlaneAccumulationIsDistanceFromTheDivide() throws {
        // z decreases eastward: every cell flows east, acc = column + 1.
        let dem = Grid<Double>(width: 10, height: 6) { c, _ in 100 - Double(c) }
        let dirs = FlowDirections.d8(dem, geometry: TestDEM.unit)
        let acc = try FlowAccumulation.d8(dirs)
        for r in 1..<5 { for c in 0..<10 { XCTAssertEqual(acc[col: c, row: r], Double(c + 1)) } }
    }

    func testFunnelConeCollectsEverythingAtItsCentre() throws {
        // z = distance from the centre: every cell ends in the central pit (pysheds rule keeps
        // the borders flowing inward), so acc(centre) = all cells.
        let n = 21
        let dem = Grid<Double>(width: n, height: n) { c, r in
            let dx = Double(c - 10), dy = Double(r - 10)
            return (dx * dx + dy * dy).squareRoot()
        }
        let dirs = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .pysheds)
        let acc = try FlowAccumulation.d8(dirs)
        XCTAssertEqual(acc[col: 10, row: 10], Double(n * n))
        XCTAssertEqual(dirs.codes[col: 10, row: 10], 0)
        // Weighted: weights 2 everywhere double the count.
        let w = Grid<Double>(width: n, height: n, repeating: 2)
        XCTAssertEqual(try FlowAccumulation.d8(dirs, weights: w)[col: 10, row: 10], Double(2 * n * n))
    }

    func testWeightGridSizeMismatchThrows() {
        let dem = Grid<Double>(width: 4, height: 4, repeating: 1)
        let dirs = FlowDirections.d8(dem, geometry: TestDEM.unit)
        XCTAssertThrowsError(try FlowAccumulation.d8(dirs, weights: Grid(width: 3, height: 4, repeating: 1))) { e in
            XCTAssertEqual("\(e)", "weight grid is 3×4 pixels but the DEM is 4×4")
        }
    }

    func testMFDConservesMassAndSplitsOnAPlane() throws {
        let dem = TestDEM.smooth(width: 30, height: 25, seed: 7)
        let t = try Terrain(dem: dem, geometry: TestDEM.unit, options: TerrainOptions(routing: .mfd))
        let receivers = t.directions.receivers, accumulation = t.accumulation
        let terminal = (0..<dem.count).filter { receivers[$0] < 0 }
        // Terminal cells in MFD are those without lower neighbours and without a D8 receiver: the
        // outlets; mass leaving there must add up to all cells.
        let mask = ValidMask(t.filled)
        var out = 0.0
        for i in terminal {
            let r = i / dem.width, c = i % dem.width
            let hasLower = (0..<8).contains { k in
                let rr = r + D8.rowOffsets[k], cc = c + D8.colOffsets[k]
                return dem.contains(col: cc, row: rr) && t.filled[col: cc, row: rr] < t.filled.values[i]
            }
            if !hasLower { out += accumulation.values[i] }
        }
        XCTAssertEqual(out, Double(mask.validCount), accuracy: 1e-6)
        // On an east-dipping plane interior cells spread to E, NE and SE in Freeman's proportions.
        let plane = Grid<Double>(width: 12, height: 9) { c, _ in 50 - Double(c) }
        let d8 = FlowDirections.d8(plane, geometry: TestDEM.unit)
        let acc = try MultipleFlowDirections().accumulate(plane, geometry: TestDEM.unit, d8: d8)
        // middle row, away from the N/S borders, converges to the D8 value (each column passes all)
        XCTAssertEqual(acc[col: 3, row: 4], 4, accuracy: 0.05)
    }
}
