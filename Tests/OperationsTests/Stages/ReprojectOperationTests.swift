import Batch
import GeoSupport
import Operations
import Raster
import Resample
import TestSupport
import XCTest

final class ReprojectOperationTests: StageTestCase {
    private let input = TestSupport.fixture("dem_wgs84_int16.tif")

    func testJobWarpsToTheTargetCRS() throws {
        let result = try run(ReprojectOperation(), ["input": .string(input), "t_srs": "EPSG:32633", "tr_x": 90, "tr_y": 90])
        XCTAssertEqual(result.outputs, ["\(dir)/outputs/1/dem_wgs84_int16.tif"])
        let out = try Dataset.open(result.outputs[0])
        XCTAssertEqual(try out.spatialReference()?.authorityCode, 32633)
        XCTAssertEqual(out.geoTransform?.pixelWidth, 90)
        XCTAssertEqual(result.values["n_cells"], .number(Double(out.width * out.height)))
    }

    func testParametersMapToTheWarp() throws {
        let p = try ReprojectOperation.parameters(["t_srs": "EPSG:4326", "r": "nearest", "gdal_kernel": 1])
        XCTAssertEqual(p.resampling, .nearest)
        XCTAssertTrue(p.gdalKernel)
        let warp = try ReprojectOperation.reprojection(p, inputs: ["a.tif"])
        XCTAssertFalse(warp.nativeBilinear)
        XCTAssertEqual(warp.metadata["GEOTOOL_INPUT"], "a.tif")
    }

    func testBadParametersNameTheirKey() {
        for (p, message) in [
            (["input": .string(input), "t_srs": "EPSG:99999999"], "parameters.t_srs"),
            (["input": .string(input), "t_srs": "EPSG:4326", "tr_x": -1, "tr_y": 1], "parameters.tr_x: takes two positive values"),
            (["input": .string(input), "t_srs": "EPSG:4326", "tr_x": 1], "parameters.tr_y: is required with tr_x"),
            (["input": .string(input)], "parameters.t_srs: is required"),
        ] as [(JobParameters, String)] {
            let error = submitError(ReprojectOperation(), p)
            XCTAssertTrue(error?.contains(message) == true, "\(p): \(error ?? "accepted")")
        }
    }
}
