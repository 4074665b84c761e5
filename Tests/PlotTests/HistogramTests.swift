import XCTest
@testable import Plot

final class HistogramTests: XCTestCase {
    func testFixedBinCount() throws {
        let h = try Histogram(values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, .nan], binning: .count(5))
        XCTAssertEqual(h.edges, [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(h.counts, [2, 2, 2, 2, 3])   // the last bin includes 10
        XCTAssertEqual(h.total, 11)
    }

    func testExplicitEdges() throws {
        let h = try Histogram(values: [0.5, 1.5, 1.5, 2.5, 9], binning: .edges([0, 1, 2, 3]))
        XCTAssertEqual(h.counts, [1, 2, 1])
        XCTAssertThrowsError(try Histogram(values: [1], binning: .edges([1, 1])))
        XCTAssertThrowsError(try Histogram(values: [1], binning: .count(0)))
    }

    func testFreedmanDiaconis() {
        // 0…99: IQR = 74.25 − 24.75 = 49.5; h = 2·49.5/100^(1/3) = 21.33; bins = ceil(99/21.33) = 5
        XCTAssertEqual(Histogram.freedmanDiaconisBins((0..<100).map(Double.init)), 5)
        // zero IQR → Sturges: ceil(log2(100)) + 1 = 8
        XCTAssertEqual(Histogram.freedmanDiaconisBins([Double](repeating: 1, count: 98) + [0, 2]), 8)
        XCTAssertEqual(Histogram.freedmanDiaconisBins([]), 1)
    }

    func testEmptyInput() throws {
        let h = try Histogram(values: [.nan, .nan])
        XCTAssertEqual(h.total, 0)
        XCTAssertEqual(h.counts.count, 1)
    }
}
