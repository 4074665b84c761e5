import XCTest
import GeoSupport
import Grid
import Raster
@testable import geotool
import TestSupport

/// `geotool ecostress scan` and `regrid` on the fixtures; regrid against a slow per-pixel reference.
final class EcostressCommandTests: XCTestCase {
    private var tmp: String!
    override func setUpWithError() throws { tmp = try TestSupport.temporaryDirectory("ecostress") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: tmp) }
    private var fixtures: String { TestSupport.repoRoot.appendingPathComponent("fixtures").path }

    func testScanTextAndJSON() throws {
        let text = try TestSupport.geotool(["ecostress", "scan", fixtures])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("products: L2T_LSTE"), text.stdout)
        XCTAssertTrue(text.stdout.contains("MISSING QC,cloud,water"), text.stdout)
        let json = try TestSupport.geotool(["ecostress", "scan", fixtures, "--json"])
        let report = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(report["dates"] as? [String], ["2023-07-12", "2023-08-05"])
        XCTAssertEqual((report["granules"] as? [Any])?.count, 3)
        let missing = try TestSupport.geotool(["ecostress", "scan", "\(tmp!)/nope"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertEqual(missing.stderr.split(separator: "\n").count, 1, missing.stderr)
    }

    /// Mean of the valid, unmasked 70 m pixels whose centres fall in each 700 m cell; a cell is
    /// kept when valid / total ≥ 0.5 — computed pixel by pixel from the fixture layers.
    private func reference(scene: String, gt: GeoTransform, width: Int, height: Int) throws -> [Double] {
        let base = TestSupport.fixture("ECOv002_L2T_LSTE_\(scene)_0710_01_")
        let (lst, tileRef) = try RasterFile.read(base + "LST.tif", as: Float.self)
        let qc = try RasterFile.read(base + "QC.tif", as: UInt16.self).grid
        let cloud = try RasterFile.read(base + "cloud.tif", as: UInt8.self).grid
        let water = try RasterFile.read(base + "water.tif", as: UInt8.self).grid
        let tgt = try XCTUnwrap(tileRef.geoTransform)
        var sum = [Double](repeating: 0, count: width * height), valid = sum, total = sum
        for r in 0..<lst.height {
            for c in 0..<lst.width {
                let p = tgt.center(col: c, row: r)
                let cc = Int(((p.x - gt.originX) / gt.pixelWidth).rounded(.down))
                let rr = Int(((gt.originY - p.y) / -gt.pixelHeight).rounded(.down))
                guard cc >= 0, cc < width, rr >= 0, rr < height else { continue }
                let k = rr * width + cc
                total[k] += 1
                let v = lst[col: c, row: r]
                if v.isNaN || qc[col: c, row: r] & 3 > 1 || cloud[col: c, row: r] != 0 || water[col: c, row: r] != 0 { continue }
                valid[k] += 1
                sum[k] += Double(v)
            }
        }
        return (0..<(width * height)).map { k in valid[k] > 0 && valid[k] >= 0.5 * total[k] ? sum[k] / valid[k] : .nan }
    }

    func testRegridMatchesSlowReferenceAndResumes() throws {
        let sites = "\(tmp!)/sites.csv"
        try "site,west,south,east,north\nA,16.29,46.06,16.36,46.12\nFar,0,0,0.1,0.1\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let out = "\(tmp!)/out"
        let args = ["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST", "--target-res", "700", "700",
                    "--qc", "nominal", "--mask", "cloud,water", "--out", out, "--jobs", "2"]
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("skipped") && r.stderr.contains("aid0001"), "the AppEEARS file has no QC: \(r.stderr)")
        let ds = try Dataset.open("\(out)/A_LST.tif")
        XCTAssertEqual(ds.bandCount, 2)
        let gt = try XCTUnwrap(ds.geoTransform)
        XCTAssertEqual(gt.pixelWidth, 700)
        XCTAssertEqual(gt.originX.truncatingRemainder(dividingBy: 700), 0, "extent snapped to the resolution")
        var expectedRows = 0
        for (b, scene) in ["28547_005_33TWL_20230712T101322", "28912_011_33TWL_20230805T134511"].enumerated() {
            let band = try ds.band(b + 1)
            XCTAssertEqual(band.bandDescription, b == 0 ? "2023-07-12" : "2023-08-05")
            let got = try band.read(Double.self)
            let want = try reference(scene: scene, gt: gt, width: ds.width, height: ds.height)
            XCTAssertGreaterThan(want.filter { !$0.isNaN }.count, 10)
            XCTAssertGreaterThan(want.filter(\.isNaN).count, 0, "some cells fail the valid-fraction rule")
            for k in 0..<want.count {
                if want[k].isNaN { XCTAssertTrue(got.values[k].isNaN, "band \(b + 1) cell \(k)") }
                else { XCTAssertEqual(got.values[k], want[k], accuracy: 1e-4, "band \(b + 1) cell \(k)") }
            }
            expectedRows += want.filter { !$0.isNaN }.count
        }
        let csv = try CSVTable(path: "\(out)/A_LST.csv")
        XCTAssertEqual(csv.header, ["date", "year", "doy", "latitude", "longitude", "LST", "pixel_id", "x", "y"])
        XCTAssertEqual(csv.rows.count, expectedRows)
        XCTAssertEqual(try CSVTable(path: "\(out)/Far_LST.csv").rows.count, 0)
        // Re-running resumes: everything exists, nothing is redone.
        let modified = try FileManager.default.attributesOfItem(atPath: "\(out)/A_LST.tif")[.modificationDate] as? Date
        let again = try TestSupport.geotool(args)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stderr.contains("all site outputs exist"), again.stderr)
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: "\(out)/A_LST.tif")[.modificationDate] as? Date, modified)
    }

    func testRegridBadSitesFileIsOneLineError() throws {
        let sites = "\(tmp!)/sites.csv"
        try "site,west,south,east\nA,1,2,3\n".write(toFile: sites, atomically: true, encoding: .utf8)
        let r = try TestSupport.geotool(["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST",
                                         "--target-res", "700", "700", "--out", "\(tmp!)/out"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains(sites) && r.stderr.contains("north"), r.stderr)
    }
}
