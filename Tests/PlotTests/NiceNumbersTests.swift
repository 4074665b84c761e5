import XCTest
@testable import Plot

final class NiceNumbersTests: XCTestCase {
    func testNiceNumberTable() {
        // (x, rounded, ceiling) per Heckbert's thresholds 1.5/3/7 (round) and 1/2/5 (ceiling).
        let table: [(Double, Double, Double)] = [
            (1, 1, 1), (1.4, 1, 2), (1.6, 2, 2), (2.9, 2, 5), (3.1, 5, 5), (6.9, 5, 10), (7.1, 10, 10),
            (0.034, 0.05, 0.05), (0.0012, 0.001, 0.002), (45, 50, 50), (15_800, 20_000, 20_000),
        ]
        for (x, r, c) in table {
            XCTAssertEqual(NiceNumbers.nice(x, round: true), r, accuracy: r * 1e-12, "round \(x)")
            XCTAssertEqual(NiceNumbers.nice(x, round: false), c, accuracy: c * 1e-12, "ceil \(x)")
        }
    }

    func testLooseLabelling() {
        let cases: [(Double, Double, Int, Double, Double, Double, Int)] = [
            // min, max, ticks → graph min, graph max, step, fraction digits
            (0, 1, 5, 0, 1, 0.2, 1),
            (-3.7, 12.1, 5, -5, 15, 5, 0),
            (1000, 1003.5, 5, 1000, 1004, 1, 0),
            (0.0013, 0.0187, 5, 0, 0.02, 0.005, 3),
            (285, 317, 6, 280, 320, 10, 0),
        ]
        for (lo, hi, n, gmin, gmax, step, digits) in cases {
            let l = NiceNumbers.loose(min: lo, max: hi, count: n)
            XCTAssertEqual(l.min, gmin, accuracy: 1e-12, "\(lo)…\(hi)")
            XCTAssertEqual(l.max, gmax, accuracy: 1e-12, "\(lo)…\(hi)")
            XCTAssertEqual(l.step, step, accuracy: 1e-12, "\(lo)…\(hi)")
            XCTAssertEqual(l.fractionDigits, digits, "\(lo)…\(hi)")
        }
    }

    func testTicksInsideRange() {
        let t = NiceNumbers.ticks(min: 0.3, max: 1.25, count: 5)
        XCTAssertEqual(t.step, 0.2, accuracy: 1e-12)
        XCTAssertEqual(t.values.count, 5)
        for (a, b) in zip(t.values, [0.4, 0.6, 0.8, 1.0, 1.2]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(NiceNumbers.ticks(min: -1, max: 1, count: 5).values.filter { $0 == 0 }.count, 1)
    }

    func testLabels() {
        XCTAssertEqual(NiceNumbers.labels([-0.5, 0, 0.5], step: 0.5).map(\.description), ["\u{2212}0.5", "0.0", "0.5"])
        XCTAssertEqual(NiceNumbers.labels([4_199_500, 4_200_000], step: 500).map(\.description), ["4199500", "4200000"])
        let small = NiceNumbers.labels([1e-9, 2e-9], step: 1e-9)
        XCTAssertEqual(small[1].text, "2×10")
        XCTAssertEqual(small[1].exponent, "\u{2212}9")
        XCTAssertEqual(NiceNumbers.format(1.7142, significant: 4), "1.714")
        XCTAssertEqual(NiceNumbers.format(-0.000012), "\u{2212}1.200e\u{2212}05")
    }
}
