import Ecostress
import Operations
import XCTest

final class MaskParametersTests: XCTestCase {
    func testBuildsTheMaskOfTheOptions() throws {
        let mask = try MaskParameters.mask(qc: .best, layers: "cloud, water,", landcover: "lc.tif", classes: "3,5-6")
        XCTAssertEqual(mask, EcostressMask(qc: .best, layers: ["cloud", "water"], landCover: LandCoverFilter(path: "lc.tif", classes: [3, 5, 6])))
        XCTAssertTrue(try MaskParameters.mask(qc: nil, layers: nil, landcover: nil, classes: "not read without a raster").isEmpty)
        XCTAssertEqual(MaskParameters.qcLevel("nominal"), .nominal)
        XCTAssertNil(MaskParameters.qcLevel("good"))
    }

    func testABadClassListNamesItsKey() {
        XCTAssertThrowsError(try MaskParameters.mask(qc: nil, layers: nil, landcover: "lc.tif", classes: "3x")) { error in
            XCTAssertEqual(error as? StageParameterError, StageParameterError("landcover_classes", "'3x' is not a class or a range like 3-6"))
        }
    }
}
