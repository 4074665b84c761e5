import Foundation
import XCTest
import GeoSupport
import Grid
@testable import Erosion

final class DepressionBreachingTests: XCTestCase {
    /// Slow reference for one pit: the least total lowering of a channel from `pit` to a cell lower than it
    /// or an outlet, within `radius`, by Bellman–Ford relaxation over every cell until nothing changes.
    func referenceCost(_ dem: Grid<Double>, pit: Int, radius: Int) -> Double {
        let mask = ValidMask(dem)
        let w = dem.width, h = dem.height, zp = dem.values[pit]
        let pr = pit / w, pc = pit % w
        var cost = [Double](repeating: .infinity, count: dem.count)
        cost[pit] = 0
        var changed = true
        while changed {
            changed = false
            for i in 0..<dem.count where cost[i] < .infinity {
                if i != pit && (dem.values[i] < zp || mask.isOutlet(i)) { continue }   // targets end a channel
                for k in 0..<8 {
                    let r = i / w + D8.rowOffsets[k], c = i % w + D8.colOffsets[k]
                    guard r >= 0, c >= 0, r < h, c < w, abs(r - pr) <= radius, abs(c - pc) <= radius else { continue }
                    let j = r * w + c
                    guard mask.valid[j] else { continue }
                    let v = cost[i] + max(0, dem.values[j] - zp)
                    if v < cost[j] { cost[j] = v; changed = true }
                }
            }
        }
        var best = Double.infinity
        for i in 0..<dem.count where i != pit && mask.valid[i] && (dem.values[i] < zp || mask.isOutlet(i)) { best = min(best, cost[i]) }
        return best
    }

    /// A plane dipping west with one pit dug in it, ringed by cells raised by random heights: the channel removes
    /// exactly the least material (reference), only lowers cells, and the pit then drains; beyond the radius
    /// nothing is cut.
    func testSinglePitChannelRemovesTheLeastMaterial() throws {
        for seed in UInt64(1)...25 {
            var rng = SplitMix64(seed: seed)
            let w = 24, h = 15
            let pr = 4 + Int(seed % 7), pc = 15
            var dem = Grid<Double>(width: w, height: h) { c, r in
                Double(c) * 0.5 + (max(abs(r - pr), abs(c - pc)) == 2 ? 1 + rng.unit() * 6 : 0)
            }
            let pit = pr * w + pc
            dem.values[pit] = 3
            let radius = 8 + Int(seed % 6)
            let expected = referenceCost(dem, pit: pit, radius: radius)
            var z = dem.values
            let mask = ValidMask(dem)
            DepressionBreaching.breach(&z, width: w, height: h, valid: mask.valid, radius: radius)
            var removed = 0.0
            for i in 0..<dem.count {
                XCTAssertLessThanOrEqual(z[i], dem.values[i], "seed \(seed): breaching raised cell \(i)")
                removed += dem.values[i] - z[i]
            }
            if expected.isFinite {
                XCTAssertEqual(removed, expected, accuracy: 1e-9 * max(1, expected), "seed \(seed): least material")
                XCTAssertTrue(TestDEM.everyCellDrains(Grid(width: w, height: h, values: z)), "seed \(seed)")
            } else {
                XCTAssertEqual(removed, 0, "seed \(seed): no target within the radius, nothing cut")
            }
        }
    }

    /// Breach + fill on random DEMs: every cell drains; compared with the DEM, cells are only lowered on channels
    /// or raised by the remaining fill; and on a basin behind a thin rim far fewer cells change than by filling.
    func testBreachThenFillDrainsEverythingAndChangesFewerCells() throws {
        for seed in UInt64(30)...60 {
            var dem = TestDEM.smooth(width: 20 + Int(seed % 7), height: 16 + Int(seed % 5), seed: seed)
            var rng = SplitMix64(seed: seed)
            for i in 0..<dem.count { dem.values[i] += rng.unit() * 6 - 3 }
            if seed % 3 == 0 { for i in stride(from: 7, to: dem.count, by: 37) { dem.values[i] = -9999 } }
            let breached = DepressionFilling.fill(dem, method: .breach)
            XCTAssertTrue(TestDEM.everyCellDrains(breached), "seed \(seed)")
            let mask = ValidMask(dem)
            for i in 0..<dem.count where !mask.valid[i] { XCTAssertEqual(breached.values[i], dem.values[i]) }
        }
        // A cone-shaped bowl (radius 8) behind a 7-cell-wide rim, the west border low.
        let bowl = Grid<Double>(width: 30, height: 30) { c, r in
            let d = (Double(c - 15) * Double(c - 15) + Double(r - 15) * Double(r - 15)).squareRoot()
            return c == 0 ? 0 : (d < 8 ? 5 + d * 0.1 : 20 + Double(c) * 0.01)
        }
        let filledChanges = zip(DepressionFilling.fill(bowl).values, bowl.values).filter { $0 != $1 }.count
        let breachChanges = zip(DepressionFilling.fill(bowl, method: .breach).values, bowl.values).filter { $0 != $1 }.count
        XCTAssertGreaterThan(filledChanges, 150)
        XCTAssertLessThan(breachChanges, 20, "one channel from the bowl's bottom through the rim")
    }
}
