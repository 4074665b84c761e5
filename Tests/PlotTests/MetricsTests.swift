import XCTest
@testable import Plot

final class MetricsTests: XCTestCase {
    func testHandComputedValues() throws {
        // residuals e = p − o = [1, −1, 2, 0]; mean(o) = 2.5, SStot = 2.25+0.25+0.25+2.25 = 5
        let m = try Metrics(observed: [1, 2, 3, 4], predicted: [2, 1, 5, 4])
        XCTAssertEqual(m.count, 4)
        XCTAssertEqual(m.bias, 0.5, accuracy: 1e-12)                       // (1 − 1 + 2 + 0)/4
        XCTAssertEqual(m.rmse, (6.0 / 4).squareRoot(), accuracy: 1e-12)    // √((1+1+4+0)/4)
        XCTAssertEqual(m.mae, 1.0, accuracy: 1e-12)
        XCTAssertEqual(m.r2, 1 - 6.0 / 5.0, accuracy: 1e-12)               // 1 − SSres/SStot = −0.2
        // Pearson r: mean(p) = 3; Σ(o−ō)(p−p̄) = (−1.5)(−1)+(−0.5)(−2)+(0.5)(2)+(1.5)(1) = 5; Σ(p−p̄)² = 1+4+4+1 = 10
        XCTAssertEqual(m.pearsonR, 5 / (5.0 * 10).squareRoot(), accuracy: 1e-12)
    }

    func testR2IsNotSquaredPearson() throws {
        // A perfectly correlated but biased prediction: r = 1, yet R² against the 1:1 line is < 1.
        let m = try Metrics(observed: [1, 2, 3], predicted: [3, 4, 5])
        XCTAssertEqual(m.pearsonR, 1, accuracy: 1e-12)
        XCTAssertEqual(m.r2, 1 - 12.0 / 2.0, accuracy: 1e-12)
        XCTAssertEqual(m.bias, 2, accuracy: 1e-12)
    }

    func testNaNPairsAreSkipped() throws {
        let m = try Metrics(observed: [1, .nan, 3, 4, .infinity], predicted: [1, 5, .nan, 5, 1])
        XCTAssertEqual(m.count, 2)
        XCTAssertEqual(m.bias, 0.5, accuracy: 1e-12)
        XCTAssertEqual(m.rmse, (0.5).squareRoot(), accuracy: 1e-12)
    }

    func testEmptyAndMismatched() throws {
        let m = try Metrics(observed: [.nan], predicted: [1])
        XCTAssertEqual(m.count, 0)
        XCTAssertTrue(m.rmse.isNaN && m.bias.isNaN && m.r2.isNaN)
        XCTAssertThrowsError(try Metrics(observed: [1, 2], predicted: [1])) { e in
            XCTAssertEqual(e as? PlotError, .lengthMismatch(what: "observed/predicted", first: 2, second: 1))
        }
    }

    func testLinearFit() throws {
        let f = try XCTUnwrap(LinearFit(x: [0, 1, 2, 3, .nan], y: [1, 3, 5, 7, 100]))
        XCTAssertEqual(f.slope, 2, accuracy: 1e-12)
        XCTAssertEqual(f.intercept, 1, accuracy: 1e-12)
        XCTAssertEqual(f.count, 4)
        XCTAssertNil(LinearFit(x: [1, 1], y: [2, 3]))
    }
}
