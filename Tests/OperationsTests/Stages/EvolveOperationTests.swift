import Batch
import Erosion
import GeoSupport
import Operations
import Raster
import TestSupport
import XCTest

final class EvolveOperationTests: StageTestCase {
    private let dem = TestSupport.fixture("dem_utm33n.tif")

    func testUpliftAloneRaisesEveryInteriorCellByUTimesT() throws {
        // With K = 0 and D = 0 the model is dz/dt = U away from base level: after 3 steps of 100 yr at 1 mm/yr,
        // interior cells are exactly 0.3 m higher.
        let result = try run(EvolveOperation(), ["dem": .string(dem), "years": 300, "dt": 100, "k": 0, "uplift": 0.001,
                                                 "snapshot_every": 0])
        XCTAssertEqual(result.outputs, ["\(dir)/outputs/1/elevation_final.tif"])
        XCTAssertEqual(result.values["steps"], 3)
        let before = try RasterFile.read(dem, as: Double.self).grid, after = try RasterFile.read(result.outputs[0], as: Double.self).grid
        let (w, h) = (before.width, before.height)
        for (r, c) in [(1, 1), (h / 2, w / 2), (h - 2, w - 2)] {
            XCTAssertEqual(after[col: c, row: r] - before[col: c, row: r], 0.3, accuracy: 1e-9, "(\(c), \(r))")
        }
    }

    func testBadParametersNameTheirKey() {
        for (p, message) in [
            (["dem": .string(dem), "years": 10, "dt": -1, "k": 1e-5], "parameters.dt: must be finite and > 0"),
            (["dem": .string(dem), "years": 0, "dt": 1, "k": 1e-5], "parameters.years: must be finite and > 0"),
            (["dem": .string(dem), "years": 1e18, "dt": 1e-9, "k": 1e-5], "parameters.years: 1e+18 years at dt"),
            (["dem": .string(dem), "years": 10, "dt": 1, "k": -1], "parameters.k: must be finite and ≥ 0"),
            (["dem": .string(dem), "years": 10, "dt": 1], "parameters.k: is required"),
        ] as [(JobParameters, String)] {
            let error = submitError(EvolveOperation(), p)
            XCTAssertTrue(error?.contains(message) == true, "\(p): \(error ?? "accepted")")
        }
    }
}
