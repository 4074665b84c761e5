import Batch
import Ecostress
import GeoSupport
import Operations
import Raster
import TestSupport
import XCTest

final class EcostressRegridOperationTests: StageTestCase {
    private let fixtures = TestSupport.repoRoot.appendingPathComponent("fixtures").path

    private func sites() throws -> String {
        let path = "\(dir)/sites.csv"
        try "site,west,south,east,north\nA,16.29,46.06,16.36,46.12\nB,16.30,46.08,16.40,46.14\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testOneSiteJobWritesOnlyThatSite() throws {
        let p: JobParameters = ["directory": .string(fixtures), "sites": .string(try sites()), "site": "B", "variables": "LST",
                                "target_res_x": 700, "target_res_y": 700, "qc": "nominal", "mask": "cloud,water"]
        let result = try run(EcostressRegridOperation(), p)
        XCTAssertEqual(result.outputs, ["\(dir)/outputs/1/B_LST.tif", "\(dir)/outputs/1/B_LST.csv"])
        XCTAssertEqual(result.values["n_sites"], 1)
        XCTAssertEqual(result.values["n_dates"], .number(Double(try Dataset.open(result.outputs[0]).bandCount)))
        XCTAssertEqual(result.values["n_rows"], .number(Double(try CSVTable(path: result.outputs[1]).rows.count)))
        XCTAssertEqual(result.values["n_files_skipped"], 1, "the AppEEARS file has no QC layer")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/outputs/1/A_LST.csv"))
    }

    func testAnUnknownSiteNamesTheSitesFile() throws {
        let sites = try sites()
        let p: JobParameters = ["directory": .string(fixtures), "sites": .string(sites), "site": "Z", "variables": "LST",
                                "target_res_x": 700, "target_res_y": 700]
        XCTAssertThrowsError(try run(EcostressRegridOperation(), p)) { error in
            XCTAssertTrue("\(error)".contains(sites) && "\(error)".contains("'Z'"), "\(error)")
        }
    }

    func testBadParametersNameTheirKey() {
        let base: JobParameters = ["directory": "d", "sites": "s.csv", "variables": "LST", "target_res_x": 70, "target_res_y": 70]
        for (extra, message) in [
            (["target_res_y": 0], "parameters.target_res_x: needs two positive numbers"),
            (["min_valid_fraction": 2], "parameters.min_valid_fraction: must be within 0…1"),
            (["variables": " , "], "parameters.variables: names no layer"),
            (["landcover": "lc.tif", "landcover_classes": "a-b"], "parameters.landcover_classes"),
            (["site": "../x"], "parameters.site: must be a plain file name"),
        ] as [(JobParameters, String)] {
            let error = submitError(EcostressRegridOperation(), base.merging(extra) { $1 })
            XCTAssertTrue(error?.contains(message) == true, "\(extra): \(error ?? "accepted")")
        }
    }
}
