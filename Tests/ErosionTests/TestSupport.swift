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
}
