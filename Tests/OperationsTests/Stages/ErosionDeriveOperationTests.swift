import Batch
import Erosion
import GeoSupport
import Operations
import Raster
import TestSupport
import XCTest

final class ErosionDeriveOperationTests: StageTestCase {
    func testJobWritesTheSevenLayersAndTheirSummary() throws {
        let dem = TestSupport.fixture("dem_utm33n.tif")
        let result = try run(ErosionDeriveOperation(), ["dem": .string(dem), "routing": "d8", "fill": "epsilon",
                                                        "slope_source": "filled"])
        XCTAssertEqual(result.outputs.map { ($0 as NSString).lastPathComponent }, TerrainBuilder.fileNames)
        XCTAssertEqual(result.values["n_cells"], 65536)
        let dems = try RasterFile.read(dem, as: Double.self).grid
        XCTAssertEqual(result.values["n_valid"], .number(Double(dems.values.filter { dems.isValidValue($0) }.count)))
        let options = try Dataset.open(result.outputs[0]).metadataItem("EROSION_OPTIONS") ?? ""
        XCTAssertTrue(options.contains("fill=epsilon") && options.contains("slope-source=filled"), options)
        // The contributing area is the accumulation (cells) × the cell area (30 m × 30 m).
        let acc = try RasterFile.read(result.outputs[2], as: Double.self).grid
        let area = try RasterFile.read(result.outputs[3], as: Double.self).grid
        for i in stride(from: 0, to: acc.count, by: 97) where acc.isValidValue(acc.values[i]) {
            XCTAssertEqual(area.values[i], acc.values[i] * 900, accuracy: 1e-9 * area.values[i])
        }
    }

    func testUnknownWordsAreRejectedAtSubmit() {
        XCTAssertThrowsError(try ErosionDeriveOperation().check(["dem": "d.tif", "routing": "dinf"])) {
            XCTAssertTrue("\($0)".contains("parameters.routing: must be one of d8, mfd"), "\($0)")
        }
    }
}
