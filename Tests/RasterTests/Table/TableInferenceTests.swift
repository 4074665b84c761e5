import XCTest
import Raster

/// Column types told from text cells, points from x/y columns, and the long form of a wide table.
final class TableInferenceTests: XCTestCase {
    func testNarrowestTypeThatReadsEveryCell() {
        XCTAssertEqual(TableColumnType.inferred(from: ["1", "", "-3"]), .integer)
        XCTAssertEqual(TableColumnType.inferred(from: ["1", "2.5", "nan"]), .real)
        XCTAssertEqual(TableColumnType.inferred(from: ["2023-07-12", ""]), .date)
        XCTAssertEqual(TableColumnType.inferred(from: ["2023-07-12T10:13:22"]), .dateTime)
        XCTAssertEqual(TableColumnType.inferred(from: ["007", "12"]), .text, "zero-padded codes stay text")
        XCTAssertEqual(TableColumnType.inferred(from: ["0.5", "0"]), .real)
        XCTAssertEqual(TableColumnType.inferred(from: ["1", "x"]), .text)
        XCTAssertEqual(TableColumnType.inferred(from: ["", ""]), .text)
    }

    func testPointsFromColumns() throws {
        let t = try Table(header: ["id", "lon", "lat"], textRows: [["a", "16.5", "46.1"], ["b", "16", "46"]],
                          pointColumns: (x: 1, y: 2), crs: "EPSG:4326")
        XCTAssertEqual(t.schema.columns.map(\.type), [.text, .real, .real])
        XCTAssertEqual(t.rows.map(\.geometry), [.point(x: 16.5, y: 46.1), .point(x: 16, y: 46)])
        XCTAssertThrowsError(try Table(header: ["id", "x", "y"], textRows: [["a", "", "1"]], pointColumns: (x: 1, y: 2), crs: "EPSG:4326")) {
            XCTAssertEqual("\($0)", "row 1: no point coordinates in columns 'x', 'y'")
        }
    }

    func testLongForm() throws {
        let t = try Table(longFormOf: ["model", "rho", "t_1", "t_2"], textRows: [["0", "10", "1.5", "2.5"], ["1", "20", "3", ""]],
                          kept: [0, 1], measured: [2, 3], coordinates: [1e-6, 2e-6], names: (index: "gate", coordinate: "time_s", value: "v"))
        XCTAssertEqual(t.schema.columns.map(\.name), ["model", "rho", "gate", "time_s", "v"])
        XCTAssertEqual(t.rows.map(\.values), [
            [.integer(0), .integer(10), .integer(1), .real(1e-6), .real(1.5)],
            [.integer(0), .integer(10), .integer(2), .real(2e-6), .real(2.5)],
            [.integer(1), .integer(20), .integer(1), .real(1e-6), .real(3)],
            [.integer(1), .integer(20), .integer(2), .real(2e-6), .null],
        ])
    }
}
