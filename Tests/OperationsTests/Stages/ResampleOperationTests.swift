import Batch
import GeoSupport
import Operations
import Raster
import Resample
import TestSupport
import XCTest

final class ResampleOperationTests: StageTestCase {
    private let dem = TestSupport.fixture("dem_utm33n.tif")

    func testJobMeansBlocksOfTheInput() throws {
        let result = try run(ResampleOperation(), ["input": .string(dem), "factor": 8, "method": "mean", "output": "m.tif"])
        XCTAssertEqual(result.values["n_cells"], 1024)
        XCTAssertEqual(result.outputs, ["\(dir)/outputs/1/m.tif"])
        let out = try Dataset.open(result.outputs[0])
        XCTAssertEqual([out.width, out.height], [32, 32])
        XCTAssertEqual(out.metadataItem("GEOTOOL_INPUT"), dem)
        // Cell (8, 8) against the mean of its 8×8 input pixels read directly.
        let block = try Dataset.open(dem).band(1).read(Double.self, window: .init(col: 64, row: 64, width: 8, height: 8)).values
        let cell = try out.band(1).read(Double.self, window: .init(col: 8, row: 8, width: 1, height: 1)).values[0]
        XCTAssertEqual(cell, Double(Float(block.reduce(0, +) / 64)))
    }

    func testParametersMapToTheAggregation() throws {
        let p = try ResampleOperation.parameters(["input": "a.tif", "method": "sum", "tr_x": 100, "tr_y": 50, "te_xmin": 0,
                                                  "te_ymin": 1, "te_xmax": 2, "te_ymax": 3, "edge": "drop", "ot": "Float64",
                                                  "of": "COG", "co": "ZLEVEL=9"])
        guard case .resolution(let x, let y, let e?) = p.target else { return XCTFail("\(p.target)") }
        XCTAssertEqual([x, y, e.minX, e.minY, e.maxX, e.maxY], [100, 50, 0, 1, 2, 3])
        XCTAssertEqual(p.edge, .drop)
        XCTAssertEqual(p.outputType, .float64)
        XCTAssertEqual(p.output, RasterOutputParameters(format: .cog, creationOptions: ["ZLEVEL": "9"]))
    }

    func testBadParametersNameTheirKey() {
        let base: JobParameters = ["input": .string(dem), "method": "sum"]
        for (extra, message) in [
            (["factor": 2, "tr_x": 1, "tr_y": 1], "parameters.factor"),
            (["tr_x": 1, "tr_y": 1, "te_xmin": 0], "parameters.te_ymin: is required"),
            (["factor": 2, "te_xmin": 0], "parameters.te_xmin: goes with tr_x and tr_y"),
            ([:], "parameters.factor: is required"),
            (["factor": 0], "parameters.factor: must be within 1…"),
            (["factor": 2, "min_valid_fraction": 1.5], "parameters.min_valid_fraction: must be within 0…1"),
            (["factor": 2, "output": "../x.tif"], "parameters.output"),
            (["factor": 2, "co": "BAD"], "parameters.co: expected KEY=VALUE"),
        ] as [(JobParameters, String)] {
            let error = submitError(ResampleOperation(), base.merging(extra) { $1 })
            XCTAssertTrue(error?.contains(message) == true, "\(extra): \(error ?? "accepted")")
        }
    }

    func testATargetBeyondTheMemoryBudgetFailsBeforeWriting() {
        XCTAssertThrowsError(try run(ResampleOperation(), ["input": .string(dem), "method": "mean", "tr_x": 1e-6, "tr_y": 1e-6])) {
            XCTAssertTrue("\($0)".contains("memory budget"), "\($0)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir)/outputs/1/resampled.tif"))
    }
}
