import XCTest
@testable import Plot

/// The default colour range of a map: the 2nd–98th percentile of the valid pixels, symmetric for RdBu.
final class MapColourRangeTests: XCTestCase {
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
