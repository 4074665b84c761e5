import XCTest
@testable import Plot

final class QuantilesTests: XCTestCase {
    func testLinearInterpolationLikeNumPy() {
        // numpy.percentile(range(11), [0, 2, 50, 98, 100]) = [0, 0.2, 5, 9.8, 10]
        let q = Quantiles.percentiles((0...10).map(Double.init).shuffled(), [0, 2, 50, 98, 100])
        for (a, b) in zip(q, [0, 0.2, 5, 9.8, 10]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testSkipsNonFiniteAndHandlesEmpty() {
        XCTAssertEqual(Quantiles.percentiles([.nan, 3, .infinity, 1], [50]), [2])
        XCTAssertTrue(Quantiles.percentiles([.nan], [50])[0].isNaN)
    }

    func testMatchesSortOnRandomData() {
        var rng = TestRandom(seed: 11)
        let v = (0..<10_001).map { _ in rng.normal() }
        let s = v.sorted()
        let q = Quantiles.percentiles(v, [2, 25, 50, 98])
        for (p, x) in zip([2.0, 25, 50, 98], q) {
            let rank = p / 100 * 10_000
            XCTAssertEqual(x, s[Int(rank)], accuracy: 1e-12, "p\(p)")
        }
    }
}

extension QuantilesTests {
    func testExcludesNodata() {
        XCTAssertEqual(Quantiles.percentiles([-9999, 1, 2, 3, -9999], [0, 100], excluding: -9999), [1, 3])
    }

    func testMapColourRangeRule() {
        let values = (0...100).map(Double.init) + [-9999, .nan]
        let p = MapOptions().colorRange(values, nodata: -9999, diverging: false)
        XCTAssertEqual(p.vmin, 2, accuracy: 1e-12)      // 2nd percentile of 0…100
        XCTAssertEqual(p.vmax, 98, accuracy: 1e-12)
        let m = MapOptions(percentiles: nil).colorRange(values, nodata: -9999, diverging: false)
        XCTAssertEqual([m.vmin, m.vmax], [0, 100])
        let d = MapOptions().colorRange([-1, 0, 5], nodata: nil, diverging: true)
        XCTAssertEqual(d.vmin, -d.vmax)                 // symmetric about 0 for RdBu
        XCTAssertEqual(MapOptions(vmin: 3).colorRange(values, nodata: -9999, diverging: false).vmin, 3)
    }
}
