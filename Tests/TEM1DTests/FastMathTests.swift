import Foundation
import XCTest
@testable import TEM1D

final class FastMathTests: XCTestCase {
    func testExpAndSinCosAgainstFoundation() {
        var rng = SeededGenerator(seed: 5)
        var worstExp = 0.0, worstSin = 0.0
        for _ in 0..<200_000 {
            let x = -60 * rng.nextUnit()
            worstExp = max(worstExp, abs(FastMath.exp(x) / Foundation.exp(x) - 1))
            let y = (rng.nextUnit() - 0.5) * 2e4
            let sc = FastMath.sincos(y)
            worstSin = max(worstSin, abs(sc.sin - sin(y)), abs(sc.cos - cos(y)))
        }
        XCTAssertLessThan(worstExp, 2e-15)
        XCTAssertLessThan(worstSin, 2e-15)
        XCTAssertEqual(FastMath.exp(0), 1)
        XCTAssertEqual(FastMath.sincos(0).cos, 1)
    }
}
