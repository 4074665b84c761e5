import Foundation
import XCTest
import Grid
import TestSupport
@testable import Erosion

/// Per-row metric cell sizes of geographic grids against geodesic distances computed by PROJ's `geod`
/// (Karney's algorithm on WGS84), and a terrain derived on such a grid.
final class CellGeometryTests: XCTestCase {
    /// Geodesic distances (m) of `segments` (lat1, lon1, lat2, lon2 in degrees) by `geod -I`.
    private func geodesicDistances(_ segments: [(Double, Double, Double, Double)]) throws -> [Double] {
        let geod: String
        do { geod = try TestSupport.which("geod") } catch { throw XCTSkip("geod (PROJ's proj-bin) not installed") }
        let tmp = try TestSupport.temporaryDirectory("geod")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let input = "\(tmp)/segments.txt"
        try segments.map { String(format: "%.12f %.12f %.12f %.12f", $0.0, $0.1, $0.2, $0.3) }.joined(separator: "\n")
            .appending("\n").write(toFile: input, atomically: true, encoding: .utf8)
        let r = try TestSupport.run(geod, ["+ellps=WGS84", "-I", "-f", "%.9f", "-F", "%.9f", input])
        XCTAssertEqual(r.status, 0, r.stderr)
        let d = r.stdout.split(separator: "\n").map { line in Double(line.split(separator: "\t").last.map(String.init) ?? "") ?? .nan }
        XCTAssertEqual(d.count, segments.count)
        return d
    }

    /// Row sizes of 3″ grids at several latitudes, both hemispheres: dx = the cell's centre parallel, dy = the
    /// meridian arc between the row's edges, each within 1e-8 relative of geod.
    func testPerRowSizesOfArcSecondCellsMatchGeodesics() throws {
        let cell = 3.0 / 3600
        var expected: [(row: Int, geometry: CellGeometry)] = []
        var segments: [(Double, Double, Double, Double)] = []
        for top in [0.5, 31.0, 60.0, 81.2, -44.0] {
            let gt = GeoTransform(originX: 10, pixelWidth: cell, rowRotation: 0, originY: top, colRotation: 0, pixelHeight: -cell)
            let g = try CellGeometry.geographic(transform: gt, height: 4)
            XCTAssertFalse(g.isUniform)
            for r in 0..<4 {
                let north = top - Double(r) * cell, lat = north - cell / 2
                expected.append((r, g))
                segments.append((lat, 10, lat, 10 + cell))        // east–west through the row centre
                segments.append((north, 10, north - cell, 10))     // north–south across the row
            }
        }
        let d = try geodesicDistances(segments)
        for (k, e) in expected.enumerated() {
            XCTAssertEqual(e.geometry.dx(row: e.row), d[2 * k], accuracy: 1e-8 * d[2 * k], "dx, case \(k)")
            XCTAssertEqual(e.geometry.dy(row: e.row), d[2 * k + 1], accuracy: 1e-8 * d[2 * k + 1], "dy, case \(k)")
        }
    }

    /// Whole-degree rows: dy (second-order meridian arc) within the documented 1e-6 of geod.
    func testDegreeRowsHeightsWithinOneMillionth() throws {
        let gt = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0, originY: 80, colRotation: 0, pixelHeight: -1)
        let g = try CellGeometry.geographic(transform: gt, height: 160)
        let d = try geodesicDistances((0..<160).map { r in (80 - Double(r), 0, 79 - Double(r), 0) })
        for r in 0..<160 { XCTAssertEqual(g.dy(row: r), d[r], accuracy: 1e-6 * d[r], "row \(r)") }
        XCTAssertLessThan(g.dx(row: 0), 0.19 * g.dx(row: 80), "east–west size shrinks toward the pole")
    }

    /// A ramp z = s · (metric distance east, by geod, along each row) on a grid from 70°N to 50°N: with per-row
    /// sizes every interior cell's slope is atan(s); the sizes of the centre row alone would be off by degrees.
    func testSlopeOfAMetricRampOnAGeographicGrid() throws {
        let (w, h, cell, s) = (5, 200, 0.1, 0.1)
        let gt = GeoTransform(originX: 5, pixelWidth: cell, rowRotation: 0, originY: 70, colRotation: 0, pixelHeight: -cell)
        let rowDx = try geodesicDistances((0..<h).map { r in
            let lat = 70 - (Double(r) + 0.5) * cell
            return (lat, 5, lat, 5 + cell)
        })
        let dem = Grid<Double>(width: w, height: h) { c, r in s * Double(c) * rowDx[r] }
        let perRow = try CellGeometry.geographic(transform: gt, height: h)
        let centre = try CellGeometry(dx: perRow.dx, dy: perRow.dy)
        let expected = atan(s) * 180 / .pi
        let t = try Terrain(dem: dem, geometry: perRow, options: TerrainOptions(computeEdges: false))
        let flat = try Terrain(dem: dem, geometry: centre, options: TerrainOptions(computeEdges: false))
        var worst = 0.0, worstCentre = 0.0
        for r in 1..<(h - 1) {
            for c in 1..<(w - 1) {
                worst = max(worst, abs(Double(t.slope[col: c, row: r]) - expected))
                worstCentre = max(worstCentre, abs(Double(flat.slope[col: c, row: r]) - expected))
            }
        }
        XCTAssertLessThan(worst, 0.01, "per-row sizes")
        XCTAssertGreaterThan(worstCentre, 1, "the centre row's sizes cannot give this ramp's slope")
        // Contributing area: the accumulated cell areas, not cell counts × one area.
        let total = (0..<h).reduce(0.0) { $0 + Double(w) * perRow.area(row: $1) }
        let area = t.contributingArea
        var sinks = 0.0
        let receivers = t.directions.receivers
        for i in 0..<area.count where receivers[i] < 0 { sinks += area.values[i] }
        XCTAssertEqual(sinks, total, accuracy: 1e-9 * total)
    }

    func testRowSizesAreChecked() {
        XCTAssertThrowsError(try CellGeometry(rowDx: [1, 2], rowDy: [1]))
        XCTAssertThrowsError(try CellGeometry(rowDx: [1, .nan], rowDy: [1, 1]))
        let pole = GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0, originY: 91, colRotation: 0, pixelHeight: -1)
        XCTAssertThrowsError(try CellGeometry.geographic(transform: pole, height: 2))
    }
}
