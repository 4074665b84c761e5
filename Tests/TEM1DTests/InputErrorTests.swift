import Foundation
import XCTest
@testable import TEM1D

final class InputErrorTests: XCTestCase {
    func message(_ body: () throws -> Void) -> String {
        do { try body() } catch let e as TEM1DError { return e.description } catch { return "unexpected \(error)" }
        return "no error"
    }

    func testModelValidation() {
        XCTAssertEqual(message { _ = try LayeredModel(resistivities: [10, -5], thicknesses: [3]) },
                       "resistivity[2] = -5.0: resistivity must be finite and > 0 ohm·m")
        XCTAssertEqual(message { _ = try LayeredModel(resistivities: [0], thicknesses: []) },
                       "resistivity[1] = 0.0: resistivity must be finite and > 0 ohm·m")
        XCTAssertEqual(message { _ = try LayeredModel(resistivities: [10, 5], thicknesses: []) },
                       "a model with 2 resistivities needs 1 thicknesses, got 0")
        XCTAssertTrue(message { _ = try LayeredModel(resistivities: [10, 5], thicknesses: [0]) }.hasPrefix("thickness[1] = 0.0"))
        XCTAssertEqual(message { _ = try LayeredModel(resistivities: [10, 5], thicknesses: [2]) }, "no error")
    }

    func testSystemValidation() {
        XCTAssertEqual(message { _ = try TEMSystem(loopRadius: 10, times: [1e-5, 1e-4, 1e-4]) },
                       "gate times must be strictly increasing: time[2] = 0.0001 s is not greater than time[1] = 0.0001 s")
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 10, times: [1e-4, 1e-5]) }.hasPrefix("gate times must be strictly increasing: time[1]"))
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 0, times: [1e-4]) }.hasPrefix("loop radius = 0.0"))
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 10, height: -1, times: [1e-4]) }.hasPrefix("height = -1.0"))
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 10, times: [0, 1e-4]) }.hasPrefix("time[0] = 0.0"))
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 10, times: [1e-4], rampTime: -1e-6) }.hasPrefix("ramp time"))
        XCTAssertTrue(message { _ = try TEMSystem(loopRadius: 10, gates: [Gate(open: 2e-5, close: 1e-5)]) }.hasPrefix("gate[0] close"))
    }

    func testCSVErrorsNameRowAndField() {
        let header = "rho_1,rho_2,thk_1\n"
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,20,5\n10,-3,5\n") },
                       "row 3, field rho_2 = -3.0: resistivity (ohm·m) must be finite and > 0")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,0,5\n") },
                       "row 2, field rho_2 = 0.0: resistivity (ohm·m) must be finite and > 0")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,20,5\n\n10,20\n") },
                       "row 4: expected 3 fields, found 2")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,abc,5\n") },
                       "row 2, field rho_2: 'abc' is not a number")
        XCTAssertTrue(message { _ = try ModelCSV.parse("10,20,5\n") }.hasPrefix("bad CSV header: column 1 '10'"))
        XCTAssertTrue(message { _ = try ModelCSV.parse("rho_1,rho_2\n1,2\n") }.hasPrefix("bad CSV header: with 2 resistivity columns"))
        XCTAssertTrue(message { _ = try ModelCSV.parse("") }.hasPrefix("bad CSV header: no header"))
    }

    func testCSVRoundTripAndColumnOrder() throws {
        let models = try ModelCSV.parse("thk_1,rho_2,rho_1\r\n# comment\n5,20,10\n7.5,1e3,2\n")
        XCTAssertEqual(models, [try LayeredModel(resistivities: [10, 20], thicknesses: [5]),
                                try LayeredModel(resistivities: [2, 1000], thicknesses: [7.5])])
        XCTAssertEqual(try ModelCSV.parse(ModelCSV.format(models)), models)
    }

    func testCSVWithMixedLayerCounts() throws {
        let text = "rho_1,rho_2,rho_3,thk_1,thk_2\n10,20,30,5,6\n7,,,,\n1,2,,3,\n"
        let models = try ModelCSV.parse(text)
        XCTAssertEqual(models, [try LayeredModel(resistivities: [10, 20, 30], thicknesses: [5, 6]),
                                try LayeredModel(resistivities: [7], thicknesses: []),
                                try LayeredModel(resistivities: [1, 2], thicknesses: [3])])
        XCTAssertEqual(try ModelCSV.parse(ModelCSV.format(models)), models)
        let header = "rho_1,rho_2,rho_3,thk_1,thk_2\n"
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,,30,5,6\n") },
                       "row 2, field rho_2: empty, but rho_3 is given")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + ",,,,\n") },
                       "row 2, field rho_1: every model needs rho_1")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,20,,,\n") },
                       "row 2, field thk_1: a 2-layer model needs thk_1..thk_1")
        XCTAssertEqual(message { _ = try ModelCSV.parse(header + "10,20,,5,6\n") },
                       "row 2, field thk_2: must be empty in a 2-layer model (layer 2 is the half-space)")
    }

    func testRunnerRejectsInvalidModelWithIndex() throws {
        let modeller = try ForwardModeller(system: TEMSystem(loopRadius: 10, times: [1e-4]))
        let bad = [try LayeredModel(resistivities: [10], thicknesses: []), LayeredModel(unchecked: [10, -1], thicknesses: [2])]
        XCTAssertEqual(message { try ChunkedRunner.run(models: bad, modeller: modeller, workers: 2) { _ in } },
                       "model 1: resistivity[2] = -1.0: resistivity must be finite and > 0 ohm·m")
    }
}
