import GeoSupport
import XCTest

/// Exact percentiles (NumPy's linear rule) against the definition on sorted data.
final class PercentilesTests: XCTestCase {
    func testLinearInterpolationLikeNumPy() {
        // numpy.percentile(range(11), [0, 2, 50, 98, 100]) = [0, 0.2, 5, 9.8, 10]
        var rng = SplitMix64(seed: 3)
        let q = Percentiles.ofFinite((0...10).map(Double.init).shuffled(using: &rng), [0, 2, 50, 98, 100])
        for (a, b) in zip(q, [0, 0.2, 5, 9.8, 10]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    func testSkipsNonFiniteAndNodataAndHandlesEmpty() {
        XCTAssertEqual(Percentiles.ofFinite([.nan, 3, .infinity, 1], [50]), [2])
        XCTAssertTrue(Percentiles.ofFinite([.nan], [50])[0].isNaN)
        XCTAssertEqual(Percentiles.ofFinite([-9999, 1, 2, 3, -9999], [0, 100], excluding: -9999), [1, 3])
        XCTAssertEqual(Percentiles.of([.nan, 1, .infinity], [0, 100]), [1, .infinity])
        XCTAssertEqual(Percentiles.ofFinite([-.greatestFiniteMagnitude, .greatestFiniteMagnitude], [50]), [0])
        XCTAssertEqual(Percentiles.ofFinite([1, 2], [.nan]), [1])
        XCTAssertTrue(Percentiles.ofFinite([.infinity, .nan], [50])[0].isNaN)
    }

    /// Quickselect against the obvious implementation (sort, then interpolate) on random data of
    /// every size from 1 to 200, random percentiles, Doubles and Floats, with ties.
    func testMatchesSortingOnRandomData() {
        var rng = SplitMix64(seed: 11)
        for n in 1...200 {
            let values = (0..<n).map { _ in (rng.unit() * 20).rounded() - 10 + (rng.unit() < 0.5 ? rng.unit() : 0) }
            let ps = (0..<5).map { _ in rng.unit() * 100 } + [0, 100]
            let sorted = values.sorted()
            let expected = ps.map { p -> Double in
                let rank = p / 100 * Double(n - 1), k = Int(rank)
                return k + 1 < n ? sorted[k] + (sorted[k + 1] - sorted[k]) * (rank - Double(k)) : sorted[k]
            }
            var doubles = values
            var floats = values.map(Float.init)
            let floatSorted = floats.sorted()
            let floatExpected = ps.map { p -> Double in
                let rank = p / 100 * Double(n - 1), k = Int(rank)
                let lo = Double(floatSorted[k]), hi = Double(floatSorted[Swift.min(k + 1, n - 1)])
                return lo + (hi - lo) * (rank - Double(k))
            }
            XCTAssertEqual(Percentiles.exact(&doubles, ps), expected, "n \(n)")
            XCTAssertEqual(Percentiles.exact(&floats, ps), floatExpected, "n \(n) (Float)")
        }
    }
}
