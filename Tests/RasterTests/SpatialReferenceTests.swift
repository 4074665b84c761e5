import XCTest
import TestSupport
@testable import Raster

final class SpatialReferenceTests: XCTestCase {
    func testDefinitionsInEveryForm() throws {
        let utm = try SpatialReference("EPSG:32633")
        XCTAssertEqual(utm.authorityCode, 32633)
        XCTAssertEqual(utm.name, "WGS 84 / UTM zone 33N")
        XCTAssertTrue(utm.isProjected)
        XCTAssertFalse(utm.isGeographic)
        XCTAssertEqual(try SpatialReference(wkt: utm.wkt).authorityCode, 32633)
        XCTAssertEqual(try SpatialReference(wkt: utm.wkt1).authorityCode, 32633)
        XCTAssertEqual(try SpatialReference(try XCTUnwrap(utm.projjson)).authorityCode, 32633)
        let geo = try SpatialReference(epsg: 4326)
        XCTAssertTrue(geo.isGeographic)
        XCTAssertEqual(geo.identifier, "EPSG:4326")
        XCTAssertTrue(try SpatialReference("WGS84").isSame(as: geo))
    }

    func testUnknownDefinitionIsAClearError() {
        XCTAssertThrowsError(try SpatialReference("EPSG:99999999")) { e in
            XCTAssertEqual((e as? RasterError)?.kind, .crs)
            XCTAssertTrue("\(e)".contains("EPSG:99999999"))
        }
        XCTAssertThrowsError(try SpatialReference("   "))
    }

    /// UTM 33N ↔ WGS 84 against `gdaltransform` run on the same points; axis order lon/lat.
    func testTransformMatchesGdaltransform() throws {
        let xs0 = [600_000.0, 500_000, 650_123.5, 421_000], ys0 = [5_110_000.0, 5_000_000, 5_200_000.25, 4_650_000]
        let input = zip(xs0, ys0).map { "\($0) \($1)" }.joined(separator: "\n") + "\n"
        let inFile = try TestSupport.temporaryDirectory() + "/pts.txt"
        try input.write(toFile: inFile, atomically: true, encoding: .utf8)
        let r = try TestSupport.run("/bin/sh", ["-c", "gdaltransform -s_srs EPSG:32633 -t_srs EPSG:4326 -output_xy < \(inFile)"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let expected = r.stdout.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        XCTAssertEqual(expected.count, xs0.count)

        let ct = try CoordinateTransform(from: SpatialReference(epsg: 32633), to: .wgs84())
        var xs = xs0, ys = ys0
        XCTAssertEqual(ct.transform(xs: &xs, ys: &ys), [true, true, true, true])
        for i in 0..<xs0.count {
            XCTAssertEqual(xs[i], expected[i][0], accuracy: 1e-9, "lon of point \(i)")
            XCTAssertEqual(ys[i], expected[i][1], accuracy: 1e-9, "lat of point \(i)")
        }
        XCTAssertEqual(xs[1], 15, accuracy: 1e-9, "x = longitude: the central meridian of zone 33 is 15°E")

        let back = try CoordinateTransform(from: .wgs84(), to: SpatialReference(epsg: 32633))
        XCTAssertEqual(back.transform(xs: &xs, ys: &ys), [true, true, true, true])
        for i in 0..<xs0.count {
            XCTAssertEqual(xs[i], xs0[i], accuracy: 1e-6)
            XCTAssertEqual(ys[i], ys0[i], accuracy: 1e-6)
        }
    }

    func testUntransformablePointsAreNaNNotErrors() throws {
        let ct = try CoordinateTransform(from: .wgs84(), to: SpatialReference(epsg: 32633))
        var xs = [16.0, 200.0], ys = [46.0, 95.0]
        let ok = ct.transform(xs: &xs, ys: &ys)
        XCTAssertEqual(ok, [true, false])
        XCTAssertTrue(xs[1].isNaN)
    }
}
