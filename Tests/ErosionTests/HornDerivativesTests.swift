import Foundation
import XCTest
import Grid
@testable import Erosion

final class HornDerivativesTests: XCTestCase {
    /// z = a·x + b·y with x east, y north (row 0 north), cell sizes dx, dy.
    func plane(a: Double, b: Double, g: CellGeometry, w: Int = 8, h: Int = 7) -> Grid<Double> {
        Grid(width: w, height: h) { c, r in 100 + a * Double(c) * g.dx + b * Double(h - 1 - r) * g.dy }
    }

    func testSlopeOfAPlaneMatchesClosedForm() throws {
        let g = try CellGeometry(dx: 30, dy: 20)
        let dem = plane(a: 0.3, b: -0.4, g: g)
        let s = HornDerivatives.slope(dem, geometry: g)
        let p = HornDerivatives.slope(dem, geometry: g, unit: .percent)
        XCTAssertEqual(Double(s[col: 3, row: 3]), atan(0.5) * 180 / .pi, accuracy: 1e-4)
        XCTAssertEqual(Double(p[col: 3, row: 3]), 50, accuracy: 1e-4)
        XCTAssertEqual(s[col: 3, row: 0], HornDerivatives.nodata, "gdaldem leaves the border as nodata")
        let e = HornDerivatives.slope(dem, geometry: g, computeEdges: true)
        for (c, r) in [(3, 0), (0, 3), (7, 3), (3, 6)] {
            XCTAssertEqual(Double(e[col: c, row: r]), atan(0.5) * 180 / .pi, accuracy: 1e-4, "linear extrapolation is exact on a plane")
        }
        // Corners, as gdaldem: the first/last row repeats the edge column instead of extrapolating across it,
        // so the east–west difference spans one column instead of two (gx halves) while gy stays exact.
        let gx = 0.3 / 2, gy = 0.4
        XCTAssertEqual(Double(e[col: 0, row: 0]), atan((gx * gx + gy * gy).squareRoot()) * 180 / .pi, accuracy: 1e-4, "corner as gdaldem")
    }

    func testAspectConventions() throws {
        let g = try CellGeometry(dx: 10, dy: 10)
        // falls toward the east → faces east (90°); toward the north → 0°; toward south-west → 225°
        XCTAssertEqual(HornDerivatives.aspect(plane(a: -1, b: 0, g: g), geometry: g)[col: 3, row: 3], 90, accuracy: 1e-4)
        XCTAssertEqual(HornDerivatives.aspect(plane(a: 0, b: -1, g: g), geometry: g)[col: 3, row: 3], 0, accuracy: 1e-4)
        XCTAssertEqual(HornDerivatives.aspect(plane(a: 1, b: 1, g: g), geometry: g)[col: 3, row: 3], 225, accuracy: 1e-4)
        XCTAssertEqual(HornDerivatives.aspect(plane(a: 0, b: 0, g: g), geometry: g)[col: 3, row: 3], -9999, "flat as gdaldem")
        // non-square pixels: the true downslope azimuth
        let ns = try CellGeometry(dx: 10, dy: 40)
        XCTAssertEqual(Double(HornDerivatives.aspect(plane(a: -1, b: -1, g: ns), geometry: ns)[col: 3, row: 3]), 45, accuracy: 1e-4)
    }

    func testNodataNeighbourMakesNodataUnlessComputeEdges() throws {
        var dem = plane(a: 0.1, b: 0, g: TestDEM.unit)
        dem.nodata = -1
        dem[col: 4, row: 3] = -1
        XCTAssertEqual(HornDerivatives.slope(dem, geometry: TestDEM.unit)[col: 3, row: 3], HornDerivatives.nodata)
        XCTAssertNotEqual(HornDerivatives.slope(dem, geometry: TestDEM.unit, computeEdges: true)[col: 3, row: 3], HornDerivatives.nodata)
        XCTAssertEqual(HornDerivatives.slope(dem, geometry: TestDEM.unit, computeEdges: true)[col: 4, row: 3], HornDerivatives.nodata)
    }
}
