import Operations
import Raster
import XCTest

final class RasterOutputParametersTests: XCTestCase {
    func testCreationOptionsParseAsGDALToolsDo() throws {
        XCTAssertEqual(try RasterOutputParameters.creationOptions(["compress=ZSTD", "PREDICTOR=3", "compress=LZW", "A=b=c"]),
                       ["COMPRESS": "LZW", "PREDICTOR": "3", "A": "b=c"])
        for bad in ["COMPRESS", "=1", ""] {
            XCTAssertThrowsError(try RasterOutputParameters.creationOptions([bad])) { error in
                XCTAssertEqual((error as? StageParameterError)?.key, "co", "\(error)")
            }
        }
    }

    func testFormatsByNameAnyCase() throws {
        XCTAssertEqual(try RasterOutputParameters.format("cog"), .cog)
        XCTAssertEqual(try RasterOutputParameters.format("GTiff"), .gtiff)
        XCTAssertThrowsError(try RasterOutputParameters.format("HFA")) { XCTAssertEqual(($0 as? StageParameterError)?.key, "of") }
    }
}
