import Batch
import GeoSupport
import Operations
import XCTest

/// The `plot` kind takes typed parameters named like the schema, never command-line spellings.
final class PlotJobTests: XCTestCase {
    private func error(_ p: JobParameters) -> String? {
        do { try PlotJob().check(p); return nil } catch { return "\(error)" }
    }

    func testFlagsArePlotParameterNamesNotOptionSpellings() {
        let scatter: JobParameters = ["type": "scatter", "input": "a.csv", "x": "obs", "y": "pred"]
        XCTAssertNil(error(scatter.merging(["flags": "no_fit"]) { $1 }))
        XCTAssertTrue(error(scatter.merging(["flags": "no-fit"]) { $1 })?.contains("parameters.flags: 'no-fit' is not an on/off option") == true)
        XCTAssertTrue(error(scatter.merging(["flags": "hillshade"]) { $1 })?.contains("(known: no_fit)") == true)
    }

    func testDecayColumnsAsAListOrText() {
        let decay: JobParameters = ["type": "decay", "input": "d.csv"]
        XCTAssertNil(error(decay.merging(["sounding_columns": .list(["model_0", "model_1"])]) { $1 }))
        XCTAssertNil(error(decay.merging(["soundings": "model_0,model_1"]) { $1 }))
        XCTAssertTrue(error(decay.merging(["soundings": "a", "sounding_columns": .list(["b"])]) { $1 })?
            .contains("parameters.sounding_columns: give either soundings or sounding_columns") == true)
        XCTAssertNil(error(decay.merging(["sounding_columns": "model_0"]) { $1 }), "one value is a list of one")
        XCTAssertTrue(error(decay.merging(["sounding_columns": .list([.list(["a"])])]) { $1 })?.contains("parameters.sounding_columns") == true)
    }
}
