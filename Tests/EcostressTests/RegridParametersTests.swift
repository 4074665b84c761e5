import Ecostress
import XCTest

/// Regrid parameters and land-cover class lists: errors name the field in domain words, never a CLI flag.
final class RegridParametersTests: XCTestCase {
    private func parameters(resolution: (Double, Double) = (700, 700), fraction: Double = 0.5,
                            variables: [String] = ["LST"]) -> RegridParameters {
        RegridParameters(directory: "d", sitesFile: "s.csv", variables: variables, resolution: resolution,
                         minValidFraction: fraction, outputDirectory: "o")
    }

    func testValidationNamesTheField() {
        XCTAssertNoThrow(try parameters().validate())
        let cases: [(RegridParameters, EcostressError.Field, String)] = [
            (parameters(resolution: (0, 700)), .resolution, "target resolution: needs two positive numbers (x, y)"),
            (parameters(resolution: (700, .infinity)), .resolution, "target resolution: needs two positive numbers (x, y)"),
            (parameters(fraction: 1.5), .minValidFraction, "minimum valid fraction: must be within 0…1"),
            (parameters(variables: []), .variables, "variables: names no layer"),
        ]
        for (p, field, text) in cases {
            XCTAssertThrowsError(try p.validate()) { error in
                XCTAssertEqual((error as? EcostressError)?.field, field)
                XCTAssertEqual("\(error)", text)
                XCTAssertFalse("\(error)".contains("--"), "no CLI flag in a library error")
            }
        }
    }

    func testLandCoverClassLists() throws {
        XCTAssertEqual(try LandCoverFilter.classes(parsing: "3,4, 5-6"), [3, 4, 5, 6])
        XCTAssertEqual(try LandCoverFilter.classes(parsing: "12"), [12])
        for bad in ["x", "6-3", "1,,a", "-"] {
            XCTAssertThrowsError(try LandCoverFilter.classes(parsing: bad), bad) { error in
                XCTAssertEqual((error as? EcostressError)?.field, .landCoverClasses, bad)
                XCTAssertTrue("\(error)".hasPrefix("land-cover classes: '"), "\(error)")
            }
        }
    }
}
