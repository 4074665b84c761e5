import XCTest
import TestSupport

/// `geotool info` run as a process, compared with `gdalinfo -json` on the same files.
final class InfoCommandTests: XCTestCase {
    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func testJSONMatchesGdalinfo() throws {
        let files = ["dem_utm33n.tif", "dem_wgs84_int16.tif",
                     "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif",
                     "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_QC.tif"].map(TestSupport.fixture)
        let r = try TestSupport.geotool(["info", "--json", "--stats"] + files)
        XCTAssertEqual(r.status, 0, r.stderr)
        let ours = try XCTUnwrap(try json(r.stdout) as? [[String: Any]])
        XCTAssertEqual(ours.count, files.count)
        for (file, mine) in zip(files, ours) {
            let g = try TestSupport.run("gdalinfo", ["-json", "-stats", "--config", "GDAL_PAM_ENABLED", "NO", file])
            XCTAssertEqual(g.status, 0, g.stderr)
            let ref = try XCTUnwrap(try json(g.stdout) as? [String: Any])
            XCTAssertEqual(mine["driver"] as? String, ref["driverShortName"] as? String)
            let size = ref["size"] as? [Int]
            XCTAssertEqual(mine["width"] as? Int, size?.first)
            XCTAssertEqual(mine["height"] as? Int, size?.last)
            XCTAssertEqual(mine["geotransform"] as? [Double], ref["geoTransform"] as? [Double], file)
            let imageStructure = (ref["metadata"] as? [String: Any])?["IMAGE_STRUCTURE"] as? [String: String]
            XCTAssertEqual(mine["compression"] as? String, imageStructure?["COMPRESSION"])
            let refEPSG = ((ref["stac"] as? [String: Any])?["proj:epsg"] as? Int)
            XCTAssertEqual((mine["crs"] as? [String: Any])?["epsg"] as? Int, refEPSG, file)
            // WGS 84 extent: gdalinfo's wgs84Extent polygon of the four corners.
            let poly = try XCTUnwrap(((ref["wgs84Extent"] as? [String: Any])?["coordinates"] as? [[[Double]]])?.first)
            let b = try XCTUnwrap(mine["bounds_wgs84"] as? [String: Double])
            XCTAssertEqual(b["min_x"]!, poly.map { $0[0] }.min()!, accuracy: 1e-7)
            XCTAssertEqual(b["max_y"]!, poly.map { $0[1] }.max()!, accuracy: 1e-7)
            let myBands = try XCTUnwrap(mine["bands"] as? [[String: Any]])
            let refBands = try XCTUnwrap(ref["bands"] as? [[String: Any]])
            XCTAssertEqual(myBands.count, refBands.count)
            for (mb, rb) in zip(myBands, refBands) {
                XCTAssertEqual(mb["type"] as? String, rb["type"] as? String)
                XCTAssertEqual(mb["block_size"] as? [Int], rb["block"] as? [Int])
                if let nd = rb["noDataValue"] as? Double {
                    XCTAssertEqual(mb["nodata"] as? Double, nd)
                } else if rb["noDataValue"] as? String == "NaN" {
                    XCTAssertEqual(mb["nodata"] as? String, "nan")
                }
                let md = try XCTUnwrap((rb["metadata"] as? [String: Any])?[""] as? [String: String])
                let stats = try XCTUnwrap(mb["statistics"] as? [String: Any])
                for (mine, theirs) in [("min", "STATISTICS_MINIMUM"), ("max", "STATISTICS_MAXIMUM"),
                                       ("mean", "STATISTICS_MEAN"), ("std", "STATISTICS_STDDEV")] {
                    let expected = try XCTUnwrap(Double(md[theirs] ?? ""), "\(file) \(theirs)")
                    let got = try XCTUnwrap(stats[mine] as? Double, "\(file) \(mine)")
                    XCTAssertEqual(got, expected, accuracy: 1e-6 * max(1, abs(expected)), "\(file) \(mine)")
                }
            }
        }
    }

    func testTextReportAndVersion() throws {
        let r = try TestSupport.geotool(["info", TestSupport.fixture("dem_utm33n.tif")])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("CRS: EPSG:32633 — WGS 84 / UTM zone 33N"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Band 1: Float32, block 128×128, nodata -9999"), r.stdout)
        let v = try TestSupport.geotool(["--version"])
        XCTAssertEqual(v.status, 0)
        XCTAssertFalse(v.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    /// Bad input: exit ≠ 0 and exactly one stderr line naming the file and the problem; no crash.
    func testBadInputGivesOneLineErrors() throws {
        let dir = try TestSupport.temporaryDirectory("badinput")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = "\(dir)/notes.tif"
        try "just text\n".write(toFile: text, atomically: true, encoding: .utf8)
        let data = try Data(contentsOf: URL(fileURLWithPath: TestSupport.fixture("dem_utm33n.tif")))
        let truncated = "\(dir)/truncated.tif"
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: truncated))
        let cases = [("\(dir)/missing.tif", "no such file"), (text, "not a raster"),
                     (truncated, "truncated"), (dir, "directory")]
        for (file, problem) in cases {
            let r = try TestSupport.geotool(["info", file])
            XCTAssertNotEqual(r.status, 0, file)
            XCTAssertLessThan(r.status, 128, "killed by a signal: \(file)")
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, "stderr for \(file): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains(file), r.stderr)
            XCTAssertTrue(r.stderr.lowercased().contains(problem), "expected '\(problem)' in: \(r.stderr)")
        }
    }
}
