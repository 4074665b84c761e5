import GeoSupport
import Foundation
import Grid
@testable import Erosion

/// Random small DEMs with pits, flats and nodata for property tests.
enum TestDEM {
    /// Integer-valued elevations 0…levels−1 (many ties and flats), a fraction of nodata cells.
    static func random(width: Int, height: Int, seed: UInt64, levels: Int = 6, nodataFraction: Double = 0.08) -> Grid<Double> {
        var rng = SplitMix64(seed: seed)
        return Grid(width: width, height: height, nodata: -9999) { _, _ in
            if rng.unit() < nodataFraction { return -9999 }
            return Double(Int(rng.unit() * Double(levels)))
        }
    }

    /// A smooth random surface (sum of bumps) plus noise, no nodata.
    static func smooth(width: Int, height: Int, seed: UInt64) -> Grid<Double> {
        var rng = SplitMix64(seed: seed)
        let bumps = (0..<6).map { _ in (rng.unit() * Double(width), rng.unit() * Double(height), rng.unit() * 20 - 5, 2 + rng.unit() * 5) }
        return Grid(width: width, height: height, nodata: -9999) { c, r in
            var z = 100.0 + 0.3 * Double(c)
            for (bx, by, a, s) in bumps {
                let dx = Double(c) - bx, dy = Double(r) - by
                z += a * exp(-(dx * dx + dy * dy) / (2 * s * s))
            }
            return z + rng.unit() * 0.5
        }
    }

    static let unit = try! CellGeometry(dx: 1, dy: 1)

    /// Whether every valid cell has a non-ascending 8-connected path to an outlet (reverse search from the outlets).
    static func everyCellDrains(_ filled: Grid<Double>) -> Bool {
        let mask = ValidMask(filled)
        let w = filled.width, h = filled.height
        var reached = (0..<filled.count).map { mask.isOutlet($0) }
        var stack = (0..<filled.count).filter { reached[$0] }
        while let i = stack.popLast() {
            let r = i / w, c = i % w
            for k in 0..<8 {
                let rr = r + D8.rowOffsets[k], cc = c + D8.colOffsets[k]
                guard rr >= 0, cc >= 0, rr < h, cc < w else { continue }
                let j = rr * w + cc
                if mask.valid[j] && !reached[j] && filled.values[j] >= filled.values[i] { reached[j] = true; stack.append(j) }
            }
        }
        return (0..<filled.count).allSatisfy { !mask.valid[$0] || reached[$0] }
    }
}
