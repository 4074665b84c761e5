import GeoSupport
import XCTest
@testable import Grid

final class GridTests: XCTestCase {
    func testSubscriptIsRowMajor() {
        let g = Grid<Int>(width: 3, height: 2) { c, r in r * 10 + c }
        XCTAssertEqual(g.values, [0, 1, 2, 10, 11, 12])
        XCTAssertEqual(g[col: 2, row: 1], 12)
        XCTAssertEqual(g.index(col: 2, row: 1), 5)
    }

    func testSliceAndPasteAreInverse() {
        var rng = SplitMix64(seed: 5)
        let g = Grid<Double>(width: 17, height: 11) { _, _ in rng.unit() }
        let w = Window(col: 3, row: 2, width: 9, height: 6)
        let s = g.slice(w)
        for r in 0..<w.height { for c in 0..<w.width { XCTAssertEqual(s[col: c, row: r], g[col: c + 3, row: r + 2]) } }
        var blank = Grid<Double>(width: 17, height: 11, repeating: 0)
        blank.paste(s, col: 3, row: 2)
        XCTAssertEqual(blank.slice(w), s)
        XCTAssertEqual(blank[col: 0, row: 0], 0)
    }

    func testMapZipAndValidity() {
        let a = Grid<Float>(width: 2, height: 2, values: [1, .nan, -9999, 4], nodata: -9999)
        XCTAssertEqual(a.validCount, 2)
        XCTAssertFalse(a.isValid(at: 1))
        XCTAssertFalse(a.isValid(at: 2))
        let b = a.map { Double($0) * 2 }
        XCTAssertEqual(b.values[3], 8)
        let c = a.zip(b) { Double($0) + $1 }
        XCTAssertEqual(c.values[0], 3)
        XCTAssertTrue(a.isIdentical(to: a))
    }

    func testStatisticsMatchTwoPassReferenceAndMergeIsExact() {
        var rng = SplitMix64(seed: 9)
        let values = (0..<5000).map { i -> Double in i % 17 == 0 ? .nan : rng.unit() * 1000 - 300 }
        var whole = PixelStatistics()
        values.forEach { whole.add($0) }
        var left = PixelStatistics(), right = PixelStatistics()
        values[..<1234].forEach { left.add($0) }
        values[1234...].forEach { right.add($0) }
        left.merge(right)

        let valid = values.filter { !$0.isNaN }
        let mean = valid.reduce(0, +) / Double(valid.count)
        let std = (valid.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(valid.count)).squareRoot()
        for s in [whole, left] {
            XCTAssertEqual(s.validCount, valid.count)
            XCTAssertEqual(s.invalidCount, values.count - valid.count)
            XCTAssertEqual(s.minimum, valid.min()!)
            XCTAssertEqual(s.maximum, valid.max()!)
            XCTAssertEqual(s.mean, mean, accuracy: 1e-9)
            XCTAssertEqual(s.standardDeviation, std, accuracy: 1e-9)
        }
    }

    func testStatisticsOfGridExcludeNodata() {
        var s = PixelStatistics()
        s.add(Grid<Int16>(width: 4, height: 1, values: [1, -32768, 3, 5], nodata: -32768))
        XCTAssertEqual(s.validCount, 3)
        XCTAssertEqual(s.invalidCount, 1)
        XCTAssertEqual(s.mean, 3)
        var empty = PixelStatistics()
        empty.add(.nan)
        XCTAssertTrue(empty.standardDeviation.isNaN)
    }
}
