import XCTest
import Grid
import Raster

/// Raster cells as table rows: polygons from the geotransform, nodata and NaN left out, valid-pixel counts.
final class TableRasterCellsTests: XCTestCase {
    func testValidCellsWithPolygonsAndCounts() throws {
        let values = Grid<Double>(width: 2, height: 2, values: [1.5, -9999, .nan, 4], nodata: -9999)
        let counts = Grid<Double>(width: 2, height: 2, values: [3, 0, 0, 64])
        let gt = GeoTransform(originX: 100, pixelWidth: 10, originY: 200, pixelHeight: -20)
        let t = try Table(cellsOf: values, counts: counts, geoTransform: gt, crs: "EPSG:32633")
        XCTAssertEqual(t.schema.columns.map(\.name), ["col", "row", "value", "valid_count"])
        XCTAssertEqual(t.rows.map(\.values), [[.integer(0), .integer(0), .real(1.5), .integer(3)],
                                              [.integer(1), .integer(1), .real(4), .integer(64)]])
        XCTAssertEqual(t.rows[1].geometry, .polygon(ring: [110, 180, 120, 180, 120, 160, 110, 160, 110, 180]))
        XCTAssertThrowsError(try Table(cellsOf: values, counts: Grid<Double>(width: 1, height: 1, values: [1]), geoTransform: gt, crs: nil))
    }

    func testCellRectanglesFromCentres() throws {
        let t = try Table(header: ["v", "x", "y"], textRows: [["1", "105", "190"]], pointColumns: (x: 1, y: 2),
                          crs: "EPSG:32633", cellSize: (width: 10, height: -20))
        XCTAssertEqual(t.schema.geometryType, .polygon)
        XCTAssertEqual(t.rows[0].geometry, .rectangle(minX: 100, minY: 180, maxX: 110, maxY: 200))
    }
}
