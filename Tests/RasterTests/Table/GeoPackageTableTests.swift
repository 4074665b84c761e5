import Foundation
import XCTest
import Raster
import TestSupport

/// Tables written to GeoPackage, read back with GDAL's `ogrinfo` (an independent reader): every value and
/// geometry, the CRS, the spatial index, provenance; append / overwrite / exists; all-or-nothing on failure.
final class GeoPackageTableTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("gpkg-table") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func destination(_ file: String = "out.gpkg", table: String = "samples", mode: TableWriteMode = .create) throws -> TableDestination {
        try TableDestination("\(dir)/\(file)", table: table, mode: mode)
    }

    /// The rows read back equal the rows written: integers and text exactly, reals to ogrinfo's 15 digits,
    /// dates and UTC date-times, nulls, point coordinates.
    func testEveryValueReadsBackWithOgrinfo() throws {
        let table = TableFixture.table(count: 200)
        let written = try table.write(to: destination(), metadata: ["GEOTOOL_VERSION": "test", "GEOTOOL_INPUT": "a.tif"])
        XCTAssertEqual(written, 200)
        let features = try OGRInfoFeatures.read("\(dir)/out.gpkg", layer: "samples")
        XCTAssertEqual(features.count, 200)
        for (row, feature) in zip(table.rows, features) {
            for (column, value) in zip(TableFixture.schema.columns, row.values) {
                let got = try XCTUnwrap(feature[column.name], "\(column.name) missing")
                if case .real(let d) = value {
                    let back = try XCTUnwrap(Double(got))
                    XCTAssertEqual(back, d, accuracy: abs(d) * 1e-14, column.name)
                } else {
                    XCTAssertEqual(got, TableFixture.ogrText(value), column.name)
                }
            }
            guard case .point(let x, let y) = row.geometry else { return XCTFail() }
            let coords = try XCTUnwrap(feature["geometry"]).dropFirst("POINT (".count).dropLast().split(separator: " ")
            XCTAssertEqual(Double(coords[0])!, x, accuracy: 1e-9)
            XCTAssertEqual(Double(coords[1])!, y, accuracy: 1e-9)
        }
    }

    func testCRSSpatialIndexTypesAndProvenance() throws {
        try TableFixture.table(count: 10).write(to: destination(), metadata: ["GEOTOOL_VERSION": "9.9", "GEOTOOL_COMMAND": "geotool x"])
        let path = "\(dir)/out.gpkg"
        let summary = try OGRInfoFeatures.summary(path, layer: "samples")
        XCTAssertTrue(summary.contains("ID[\"EPSG\",32633]"), summary)
        XCTAssertTrue(summary.contains("Geometry: Point"), summary)
        for field in ["id: Integer64", "value: Real", "name: String", "day: Date", "taken: DateTime"] {
            XCTAssertTrue(summary.contains(field), "\(field) in \(summary)")
        }
        XCTAssertTrue(summary.contains("GEOTOOL_VERSION=9.9"), summary)
        XCTAssertEqual(try OGRInfoFeatures.query(path, "SELECT count(*) AS n FROM sqlite_master WHERE name = 'rtree_samples_geom'"), "1")
        XCTAssertEqual(try OGRInfoFeatures.query(path, "SELECT count(*) AS n FROM rtree_samples_geom"), "10")
        XCTAssertEqual(try OGRInfoFeatures.query(path, "SELECT description FROM gpkg_contents WHERE table_name = 'samples'"),
                       "GEOTOOL_COMMAND=geotool x; GEOTOOL_VERSION=9.9")
    }

    func testPolygonCellsAndPlainTables() throws {
        var cells = Table(TableSchema(columns: [TableColumn("value", .real), TableColumn("count", .integer)],
                                      geometryType: .polygon, crs: "EPSG:4326"))
        cells.append(TableRow([.real(1.5), .integer(4)], geometry: .rectangle(minX: 10, minY: 40, maxX: 10.5, maxY: 40.25)))
        try cells.write(to: destination(table: "cells"))
        var plain = Table(TableSchema(columns: [TableColumn("k", .text)]))
        plain.append(TableRow([.text("v")]))
        try plain.write(to: destination(table: "plain"))
        let polygon = try OGRInfoFeatures.read("\(dir)/out.gpkg", layer: "cells")
        let wkt = try XCTUnwrap(polygon.first?["geometry"])
        XCTAssertTrue(wkt.hasPrefix("POLYGON (("), wkt)
        let numbers = wkt.split(whereSeparator: { !"0123456789.-".contains($0) }).compactMap { Double($0) }
        XCTAssertEqual(numbers, [10, 40, 10.5, 40, 10.5, 40.25, 10, 40.25, 10, 40])
        XCTAssertEqual(try OGRInfoFeatures.read("\(dir)/out.gpkg", layer: "plain").first?["k"], "v")
    }

    func testExistingTableNeedsAppendOrOverwrite() throws {
        let path = "\(dir)/out.gpkg"
        try TableFixture.table(count: 5).write(to: destination())
        try TableFixture.table(count: 3).write(to: destination(table: "other"))
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try TableFixture.table(count: 2).write(to: destination())) { error in
            let e = error as! TableError
            XCTAssertEqual(e.kind, .tableExists)
            XCTAssertEqual(e.description, "\(path): table 'samples' already exists")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "a refused write changes nothing")
        try TableFixture.table(count: 2).write(to: destination(mode: .append))
        XCTAssertEqual(try OGRInfoFeatures.read(path, layer: "samples").count, 7)
        try TableFixture.table(count: 4, seed: 9).write(to: destination(mode: .overwrite))
        XCTAssertEqual(try OGRInfoFeatures.read(path, layer: "samples").count, 4)
        XCTAssertEqual(try OGRInfoFeatures.read(path, layer: "other").count, 3, "other tables survive an overwrite")
        XCTAssertEqual(try leftovers(), ["out.gpkg"])
    }

    /// A failure after thousands of rows leaves the previous file byte for byte (or no file), and no temporary.
    func testFailureMidWriteLeavesNothing() throws {
        let path = "\(dir)/out.gpkg"
        for mode in [TableWriteMode.create, .overwrite, .append] {
            if mode != .create { try TableFixture.table(count: 3).write(to: destination(mode: .overwrite)) }
            let before = try? Data(contentsOf: URL(fileURLWithPath: path))
            let writer = try TableWriter(destination: destination(mode: mode), schema: TableFixture.schema)
            try writer.write(contentsOf: TableFixture.table(count: 5000).rows)
            XCTAssertThrowsError(try writer.write(TableRow([.text("not an integer"), .null, .null, .null, .null],
                                                           geometry: .point(x: 0, y: 0)))) { error in
                XCTAssertEqual((error as! TableError).kind, .invalidRow)
                XCTAssertTrue("\(error)".contains("row 5001: column 'id'"), "\(error)")
            }
            XCTAssertThrowsError(try writer.commit(), "a failed writer cannot commit")
            XCTAssertEqual(try? Data(contentsOf: URL(fileURLWithPath: path)), before, "\(mode)")
            XCTAssertEqual(try leftovers(), before == nil ? [] : ["out.gpkg"], "\(mode)")
        }
        // A writer abandoned without commit rolls back as well.
        do {
            let writer = try TableWriter(destination: destination(mode: .append), schema: TableFixture.schema)
            try writer.write(contentsOf: TableFixture.table(count: 100).rows)
        }
        XCTAssertEqual(try OGRInfoFeatures.read(path, layer: "samples").count, 3)
    }

    func testBadDestinations() throws {
        let table = TableFixture.table(count: 1)
        XCTAssertThrowsError(try table.write(to: TableDestination("\(dir)/missing/out.gpkg", table: "t"))) {
            XCTAssertEqual("\($0)", "\(dir)/missing/out.gpkg: the directory \(dir)/missing does not exist")
        }
        XCTAssertThrowsError(try table.write(to: TableDestination("\(dir)/out.gpkg", driver: "NoSuchDriver", table: "t"))) {
            XCTAssertEqual("\($0)", "\(dir)/out.gpkg: unknown OGR vector driver 'NoSuchDriver'")
        }
        XCTAssertThrowsError(try table.write(to: TableDestination("\(dir)/out.tif", driver: "GTiff", table: "t"))) {
            XCTAssertEqual(($0 as! TableError).kind, .unknownDriver)
        }
        XCTAssertThrowsError(try TableDestination("\(dir)/out.xyz", table: "t")) {
            XCTAssertEqual(($0 as! TableError).kind, .unknownDriver)
        }
        XCTAssertThrowsError(try table.write(to: TableDestination("\(dir)/out.gpkg", table: "t", layerOptions: ["NO_SUCH_OPTION": "1"]))) {
            XCTAssertTrue("\($0)".contains("layer creation option not accepted"), "\($0)")
        }
        XCTAssertEqual(try leftovers(), [])
    }

    /// One-table formats: written whole under a temporary name; no append; an existing file needs overwrite.
    func testOneTableFileFormats() throws {
        let table = TableFixture.table(count: 20)
        for file in ["out.fgb", "out.geojson", "out.csv"] {
            try table.write(to: destination(file))
            let features = try OGRInfoFeatures.read("\(dir)/\(file)", layer: file == "out.csv" ? "out" : "samples")
            XCTAssertEqual(features.count, 20, file)
            XCTAssertThrowsError(try table.write(to: destination(file))) { XCTAssertEqual(($0 as! TableError).kind, .tableExists) }
            XCTAssertThrowsError(try table.write(to: destination(file, mode: .append))) { XCTAssertEqual(($0 as! TableError).kind, .unsupported) }
            try TableFixture.table(count: 2).write(to: destination(file, mode: .overwrite))
        }
        XCTAssertEqual(try leftovers(), ["out.csv", "out.fgb", "out.geojson"])
    }

    private func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
    }
}
