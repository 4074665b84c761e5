import XCTest
import GeoSupport
import Grid
import Raster
@testable import geotool
import TestSupport

/// `geotool extract` as a process: values equal `gdallocationinfo`, statuses, ECOSTRESS columns,
/// masks, formats, and one-line errors on bad input with no partial output.
final class ExtractCommandTests: XCTestCase {
    private var tmp: String!
    private let lst = "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_"

    override func setUpWithError() throws { tmp = try TestSupport.temporaryDirectory("extract") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }

    private func points() throws -> CSVTable { try CSVTable(path: TestSupport.fixture("points.csv")) }

    func testLongOutputEqualsGdallocationinfoForEveryFixturePoint() throws {
        let files = [lst + "LST.tif", "dem_utm33n.tif", "dem_wgs84_int16.tif",
                     "ECO_L2T_LSTE.002_LST_doy2023193101322_aid0001_33N.tif"].map(TestSupport.fixture)
        let out = "\(tmp!)/out.csv"
        let r = try TestSupport.geotool(["extract", "--points", TestSupport.fixture("points.csv"), "-o", out, "--jobs", "2"] + files)
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try CSVTable(path: out)
        XCTAssertEqual(Array(csv.header.prefix(9)), ["id", "lon", "lat", "file", "band", "col", "row", "value", "status"])
        XCTAssertEqual(Array(csv.header.suffix(7)), ["product", "layer", "date", "year", "doy", "time", "tile"])
        let pts = try points()
        XCTAssertEqual(csv.rows.count, pts.rows.count * files.count)
        let lon = pts.rows.map { Double($0[1])! }, lat = pts.rows.map { Double($0[2])! }
        for (k, file) in files.enumerated() {
            let ds = try Dataset.open(file)
            let projected = try PointSet(xs: lon, ys: lat, crsDefinition: "EPSG:4326").projected(to: ds.crsWKT, path: file)
            let gdal = try GdalLocationInfo.values(file: file, xs: projected.xs, ys: projected.ys)
            for p in 0..<pts.rows.count {
                let row = csv.rows[k * pts.rows.count + p]
                XCTAssertEqual(row[0], pts.rows[p][0])
                XCTAssertEqual(row[3], (file as NSString).lastPathComponent)
                let g = gdal[p], msg = "\(file) \(row)"
                if g.isEmpty {
                    XCTAssertEqual(row[8], "outside", msg); XCTAssertEqual(row[7], "", msg)
                } else if let v = Double(g), !v.isNaN, v != (try ds.band(1).nodata) {
                    XCTAssertEqual(row[8], "ok", msg)
                    XCTAssertEqual(Float(row[7]), Float(v), msg)
                } else {
                    XCTAssertEqual(row[8], "nodata", msg); XCTAssertEqual(row[7], "", msg)
                }
            }
        }
        let eco = try XCTUnwrap(csv.rows.first { $0[3].hasPrefix("ECOv002") })
        XCTAssertEqual(Array(eco.suffix(7)), ["L2T_LSTE", "LST", "2023-07-12", "2023", "193", "10:13:22", "33TWL"])
        let dem = try XCTUnwrap(csv.rows.first { $0[3] == "dem_utm33n.tif" })
        XCTAssertEqual(Array(dem.suffix(7)), ["", "", "", "", "", "", ""])
        XCTAssertTrue(csv.rows.contains { $0[0] == "p10" && $0[8] == "outside" })
    }

    func testMasksWideFormatAndBilinear() throws {
        let file = TestSupport.fixture(lst + "LST.tif")
        let r = try TestSupport.geotool(["extract", "--points", TestSupport.fixture("points.csv"), file,
                                         "--qc", "best", "--mask", "cloud,water", "--format", "wide"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let csv = try CSVTable(text: r.stdout)
        let label = lst + "LST"
        XCTAssertEqual(csv.header, ["id", "lon", "lat", label, label + "_status"])
        // Expected status per point from the QC/cloud/water layers (gdallocationinfo).
        let pts = try points()
        let ds = try Dataset.open(file)
        let projected = try PointSet(xs: pts.rows.map { Double($0[1])! }, ys: pts.rows.map { Double($0[2])! },
                                     crsDefinition: "EPSG:4326").projected(to: ds.crsWKT, path: file)
        func layer(_ name: String) throws -> [String] {
            try GdalLocationInfo.values(file: TestSupport.fixture(lst + name), xs: projected.xs, ys: projected.ys)
        }
        let (values, qc, cloud, water) = (try layer("LST.tif"), try layer("QC.tif"), try layer("cloud.tif"), try layer("water.tif"))
        var seen = Set<String>()
        for p in 0..<pts.rows.count {
            let expected: String
            if values[p].isEmpty { expected = "outside" }
            else if Double(values[p])!.isNaN { expected = "nodata" }
            else if Int(qc[p])! & 3 != 0 || cloud[p] != "0" || water[p] != "0" { expected = "masked" }
            else { expected = "ok" }
            XCTAssertEqual(csv.rows[p][4], expected, "point \(pts.rows[p][0])")
            seen.insert(expected)
        }
        XCTAssertTrue(seen.isSuperset(of: ["ok", "outside"]), "\(seen)")
        let bil = try TestSupport.geotool(["extract", "--points", TestSupport.fixture("points.csv"), file, "--interp", "bilinear"])
        XCTAssertEqual(bil.status, 0, bil.stderr)
        XCTAssertEqual(try CSVTable(text: bil.stdout).rows.filter { $0[8] == "ok" }.count,
                       values.filter { !$0.isEmpty && !Double($0)!.isNaN }.count)
    }

    /// Bad input: exit ≠ 0, one stderr line naming the file and line/column, no output file.
    func testBadInputGivesOneLineErrorsAndNoPartialOutput() throws {
        let raster = TestSupport.fixture(lst + "LST.tif")
        let noColumns = "\(tmp!)/nocols.csv"
        try "id,x,y\na,16.3,46.1\n".write(toFile: noColumns, atomically: true, encoding: .utf8)
        let badNumber = "\(tmp!)/badnumber.csv"
        try "id,lon,lat\na,16.3,46.1\nb,16.31,forty-six\n".write(toFile: badNumber, atomically: true, encoding: .utf8)
        let noCRS = "\(tmp!)/nocrs.tif"
        try RasterFile.write(Grid<Float>(width: 4, height: 4, repeating: 1), to: noCRS, georeference: Georeference(
            geoTransform: GeoTransform(originX: 16, pixelWidth: 0.1, originY: 47, pixelHeight: -0.1), crsWKT: nil))
        let cases: [([String], [String])] = [
            (["--points", noColumns, raster], [noColumns, "column 'lon'"]),
            (["--points", badNumber, raster], [badNumber, "line 3", "column 'lat'", "forty-six"]),
            (["--points", TestSupport.fixture("points.csv"), raster, noCRS], [noCRS, "no CRS"]),
        ]
        for (args, needles) in cases {
            let out = "\(tmp!)/result.csv"
            let r = try TestSupport.geotool(["extract"] + args + ["-o", out])
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertLessThan(r.status, 128)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            for n in needles { XCTAssertTrue(r.stderr.contains(n), "expected '\(n)' in: \(r.stderr)") }
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no partial output for \(args)")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix(".") }, [],
                           "no temporary left behind")
        }
    }
}
