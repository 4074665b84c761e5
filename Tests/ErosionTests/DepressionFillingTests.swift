import Foundation
import XCTest
import GeoSupport
import Grid
@testable import Erosion

final class DepressionFillingTests: XCTestCase {
    /// Slow reference: the spill elevation W is the fixed point of W_c = max(z_c, min_n W_n) for
    /// non-outlet cells, W = z at outlets, starting from +∞ (relaxation until nothing changes).
    func referenceFill(_ dem: Grid<Double>) -> [Double] {
        let mask = ValidMask(dem)
        let w = dem.width, h = dem.height
        var W = (0..<dem.count).map { mask.valid[$0] ? (mask.isOutlet($0) ? dem.values[$0] : Double.infinity) : .nan }
        var changed = true
        while changed {
            changed = false
            for i in 0..<dem.count where mask.valid[i] && !mask.isOutlet(i) {
                let r = i / w, c = i % w
                var m = Double.infinity
                for k in 0..<8 {
                    let rr = r + D8.rowOffsets[k], cc = c + D8.colOffsets[k]
                    guard rr >= 0, cc >= 0, rr < h, cc < w else { continue }
                    let j = rr * w + cc
                    if mask.valid[j] { m = min(m, W[j]) }
                }
                let v = max(dem.values[i], m)
                if v < W[i] { W[i] = v; changed = true }
            }
        }
        return W
    }

    func testPriorityFloodMatchesReferenceOnRandomDEMsWithNodata() {
        for seed in UInt64(1)...40 {
            let dem = TestDEM.random(width: 5 + Int(seed % 9), height: 4 + Int(seed % 7), seed: seed)
            let filled = DepressionFilling.fill(dem)
            let ref = referenceFill(dem)
            let mask = ValidMask(dem)
            for i in 0..<dem.count {
                if mask.valid[i] {
                    XCTAssertEqual(filled.values[i], ref[i], "seed \(seed) cell \(i)")
                    XCTAssertGreaterThanOrEqual(filled.values[i], dem.values[i])
                } else {
                    XCTAssertEqual(filled.values[i], dem.values[i], "nodata must be untouched")
                }
            }
        }
    }

    /// The one-pass fill (Zhou et al. 2016) on random DEMs — integer levels with ties and nodata, and real-valued
    /// rough surfaces — equals the slow reference (so it is minimal), lowers nothing, leaves nodata untouched,
    /// drains every cell, and equals Barnes' Priority-Flood bit for bit.
    func testOnePassFillIsTheMinimalDrainingSurface() {
        for seed in UInt64(200)...260 {
            let w = 6 + Int(seed % 13), h = 5 + Int(seed % 11)
            var dem = seed % 2 == 0 ? TestDEM.random(width: w, height: h, seed: seed, levels: 7, nodataFraction: 0.12)
                                    : TestDEM.smooth(width: w, height: h, seed: seed)
            if seed % 2 == 1 {   // rough real values with pits
                var rng = SplitMix64(seed: seed)
                for i in 0..<dem.count { dem.values[i] += rng.unit() * 8 - 4 }
            }
            let mask = ValidMask(dem)
            var onePass = dem.values, classic = dem.values
            DepressionFilling.fillOnePass(&onePass, width: w, height: h, valid: mask.valid)
            DepressionFilling.priorityFlood(&classic, width: w, height: h, valid: mask.valid, epsilon: false)
            let ref = referenceFill(dem)
            for i in 0..<dem.count {
                if mask.valid[i] {
                    XCTAssertEqual(onePass[i], ref[i], "seed \(seed) cell \(i): minimal spill level")
                    XCTAssertGreaterThanOrEqual(onePass[i], dem.values[i], "seed \(seed) cell \(i) lowered")
                } else {
                    XCTAssertEqual(onePass[i], dem.values[i], "nodata must be untouched")
                }
            }
            XCTAssertEqual(onePass, classic, "seed \(seed): one-pass = Priority-Flood")
            XCTAssertTrue(TestDEM.everyCellDrains(Grid(width: w, height: h, values: onePass, nodata: dem.nodata)), "seed \(seed)")
        }
    }

    func testNoInteriorPitsAfterFill() {
        for seed in UInt64(100)...120 {
            let dem = TestDEM.smooth(width: 25, height: 20, seed: seed)
            let filled = DepressionFilling.fill(dem)
            let mask = ValidMask(filled)
            for i in 0..<filled.count where mask.valid[i] && !mask.isOutlet(i) {
                let r = i / filled.width, c = i % filled.width
                let lowest = (0..<8).map { filled[col: c + D8.colOffsets[$0], row: r + D8.rowOffsets[$0]] }.min()!
                XCTAssertLessThanOrEqual(lowest, filled.values[i], "interior pit at \(r),\(c)")
            }
        }
    }

    func testEpsilonFillGivesEveryCellAStrictlyLowerNeighbour() {
        for seed in UInt64(1)...25 {
            let dem = TestDEM.random(width: 12, height: 10, seed: seed)
            let filled = DepressionFilling.fill(dem, method: .epsilon)
            let ref = referenceFill(dem)
            let mask = ValidMask(dem)
            for i in 0..<dem.count where mask.valid[i] {
                XCTAssertGreaterThanOrEqual(filled.values[i], ref[i])
                XCTAssertLessThan(filled.values[i] - ref[i], 1e-9, "ε-fill raises by ULPs only")
                guard !mask.isOutlet(i) else { continue }
                let r = i / dem.width, c = i % dem.width
                let lower = (0..<8).contains { k in
                    let j = (r + D8.rowOffsets[k]) * dem.width + c + D8.colOffsets[k]
                    return mask.valid[j] && filled.values[j] < filled.values[i]
                }
                XCTAssertTrue(lower, "seed \(seed): cell \(r),\(c) has no strictly lower neighbour")
            }
        }
    }

    func testFlatResolutionGivesEveryValidCellAnOutflow() {
        for seed in UInt64(1)...40 {
            let dem = TestDEM.random(width: 6 + Int(seed % 11), height: 5 + Int(seed % 8), seed: seed, levels: 3)
            let filled = DepressionFilling.fill(dem)
            let g = TestDEM.unit
            let base = FlowDirections.d8(filled, geometry: g)
            let flats = FlatResolution.resolve(filled, directions: base)
            let dirs = FlowDirections.d8(filled, geometry: g, flats: flats)
            let mask = ValidMask(filled)
            for i in 0..<filled.count where mask.valid[i] {
                XCTAssertTrue(dirs.hasOutflow(i), "seed \(seed): cell \(i) has no outflow")
            }
            // Accumulation must terminate on an acyclic graph: total at terminals = valid cells.
            let acc = try! FlowAccumulation.d8(dirs)
            let receivers = dirs.receivers
            let terminal = (0..<filled.count).filter { mask.valid[$0] && receivers[$0] < 0 }
            XCTAssertEqual(terminal.reduce(0.0) { $0 + acc.values[$1] }, Double(mask.validCount))
        }
    }

    func testFlatDrainsTowardLowerAndAwayFromHigherTerrain() {
        // A 1-row-high flat plateau between a high wall (west) and an outlet (east).
        // 7 × 5, interior row 2 is a flat at 5, outlet on the east border at 4; walls at 9.
        var dem = Grid<Double>(width: 7, height: 5, repeating: 9)
        for c in 1..<6 { for r in 1..<4 { dem[col: c, row: r] = 5 } }
        dem[col: 6, row: 2] = 4
        let g = TestDEM.unit
        let base = FlowDirections.d8(dem, geometry: g, border: .pysheds)
        let flats = FlatResolution.resolve(dem, directions: base)
        XCTAssertEqual(flats.flatCount, 1)
        let dirs = FlowDirections.d8(dem, geometry: g, border: .pysheds, flats: flats)
        // every flat cell drains, and the mask decreases eastward along the middle row
        for c in 1..<6 { XCTAssertTrue(dirs.hasOutflow(2 * 7 + c)) }
        for c in 1..<5 { XCTAssertGreaterThan(flats.mask[2 * 7 + c], flats.mask[2 * 7 + c + 1]) }
        XCTAssertEqual(dirs.codes[col: 5, row: 2], 1, "cell next to the outlet drains east")
    }
}
