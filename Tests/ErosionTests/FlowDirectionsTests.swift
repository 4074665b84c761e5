import Foundation
import XCTest
import Grid
@testable import Erosion

final class FlowDirectionsTests: XCTestCase {
    /// Brute-force D8 straight from the rules: all 8 drops, first strict maximum, > 0.
    func bruteForceCode(_ dem: Grid<Double>, r: Int, c: Int, g: CellGeometry) -> UInt8 {
        guard dem.isValidValue(dem[col: c, row: r]) else { return D8.nodata }
        let names: [(Int, Int, UInt8, Double)] = [(-1, 0, 64, g.dy), (-1, 1, 128, g.diagonal), (0, 1, 1, g.dx), (1, 1, 2, g.diagonal),
                                                  (1, 0, 4, g.dy), (1, -1, 8, g.diagonal), (0, -1, 16, g.dx), (-1, -1, 32, g.diagonal)]
        var best = 0.0, code: UInt8 = 0
        for (dr, dc, k, d) in names {
            let rr = r + dr, cc = c + dc
            guard dem.contains(col: cc, row: rr), dem.isValidValue(dem[col: cc, row: rr]) else { continue }
            let drop = (dem[col: c, row: r] - dem[col: cc, row: rr]) / d
            if drop > best { best = drop; code = k }
        }
        return code
    }

    func testD8MatchesBruteForceWithPyshedsBorderRule() throws {
        for seed in UInt64(1)...30 {
            let dem = TestDEM.random(width: 9, height: 7, seed: seed, levels: 5)
            let g = try CellGeometry(dx: 2, dy: 3)
            let dirs = FlowDirections.d8(dem, geometry: g, border: .pysheds, jobs: 2)
            for r in 0..<dem.height { for c in 0..<dem.width {
                XCTAssertEqual(dirs.codes[col: c, row: r], bruteForceCode(dem, r: r, c: c, g: g), "seed \(seed) at \(r),\(c)")
            } }
        }
    }

    /// Receivers derived from the codes: the steepest lower valid neighbour (drop > 0), else −1 — including
    /// drain-off-grid outlets, whose codes point outside the grid or at nodata.
    func testReceiversAreTheSteepestLowerNeighbourUnderBothBorderRules() throws {
        for seed in UInt64(1)...30 {
            let dem = TestDEM.random(width: 9, height: 7, seed: seed, levels: 5, nodataFraction: 0.15)
            let g = try CellGeometry(dx: 2, dy: 3)
            for rule in BorderRule.allCases {
                let dirs = FlowDirections.d8(dem, geometry: g, border: rule, jobs: 1)
                let receivers = dirs.receivers
                for r in 0..<dem.height { for c in 0..<dem.width {
                    let i = r * dem.width + c
                    var expected = -1
                    if let k = D8.index(ofCode: bruteForceCode(dem, r: r, c: c, g: g)) {
                        expected = (r + D8.rowOffsets[k]) * dem.width + c + D8.colOffsets[k]
                    }
                    XCTAssertEqual(dirs.receiver(of: i), expected, "seed \(seed) \(rule) at \(r),\(c)")
                    XCTAssertEqual(Int(receivers[i]), expected)
                } }
            }
        }
    }

    func testTieOrderIsNorthFirstThenClockwise() throws {
        // centre 1 with equal drops to all cardinal neighbours (0): N wins; diagonals are farther.
        let dem = Grid<Double>(width: 3, height: 3, values: [5, 0, 5, 0, 1, 0, 5, 0, 5])
        let dirs = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .pysheds)
        XCTAssertEqual(dirs.codes[col: 1, row: 1], 64)
        // equal E and S drops only: E comes before S in the scan
        let dem2 = Grid<Double>(width: 3, height: 3, values: [5, 5, 5, 5, 1, 0, 5, 0, 5])
        XCTAssertEqual(FlowDirections.d8(dem2, geometry: TestDEM.unit, border: .pysheds).codes[col: 1, row: 1], 1)
    }

    func testBorderRules() {
        // a border cell with no lower neighbour: sink (pysheds) vs draining off the grid
        let dem = Grid<Double>(width: 3, height: 3, values: [0, 1, 2, 1, 2, 3, 2, 3, 4])
        let p = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .pysheds)
        let o = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .drainOffGrid)
        XCTAssertEqual(p.codes[col: 0, row: 0], 0)
        XCTAssertEqual(o.codes[col: 0, row: 0], 64, "first outside neighbour in scan order is N")
        XCTAssertEqual(o.receivers[0], -1)
        // a border cell with a lower in-grid neighbour flows inward under both rules
        XCTAssertEqual(p.codes[col: 2, row: 0], 16)
        XCTAssertEqual(o.codes[col: 2, row: 0], 16)
        XCTAssertEqual(p.codes[col: 1, row: 1], 32)
    }

    func testNodataNeighboursAreIgnored() {
        let dem = Grid<Double>(width: 3, height: 3, values: [5, 5, 5, 5, 3, -9999, 5, 4, 5], nodata: -9999)
        let dirs = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .pysheds)
        XCTAssertEqual(dirs.codes[col: 1, row: 1], 0, "no lower valid neighbour")
        XCTAssertEqual(dirs.codes[col: 2, row: 1], D8.nodata)
        let off = FlowDirections.d8(dem, geometry: TestDEM.unit, border: .drainOffGrid)
        XCTAssertEqual(off.codes[col: 1, row: 1], 1, "drains into the nodata cell to the east")
    }
}
