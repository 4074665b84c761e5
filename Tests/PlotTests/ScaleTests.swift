import XCTest
@testable import Plot

final class ScaleTests: XCTestCase {
    func testLinearMapsDomainOntoRange() {
        let s = Scale(kind: .linear, domain: (0, 10), range: (100, 300))
        XCTAssertEqual(s.position(0), 100)
        XCTAssertEqual(s.position(2.5), 150)
        XCTAssertEqual(s.value(at: 300), 10)
        // A y axis runs upwards: range start is the bottom pixel.
        let y = Scale(kind: .linear, domain: (0, 1), range: (400, 0))
        XCTAssertEqual(y.position(1), 0)
    }

    func testLogIsLinearInDecades() {
        let s = Scale(kind: .log, domain: (1e-5, 1e-2), range: (0, 300))
        XCTAssertEqual(s.position(1e-4), 100, accuracy: 1e-9)
        XCTAssertEqual(s.value(at: 200), 1e-3, accuracy: 1e-15)
        XCTAssertFalse(s.position(0).isFinite)
        XCTAssertFalse(s.canShow(-1))
    }

    func testAxisRangePadding() {
        XCTAssertEqual(Axis(margin: 0.1).resolvedRange(data: 0...10).0, -1)
        XCTAssertEqual(Axis(limits: 2...3).resolvedRange(data: 0...10).1, 3)
        let log = Axis(scale: .log, margin: 0.1).resolvedRange(data: 1...100)
        XCTAssertEqual(log.0, pow(10, -0.2), accuracy: 1e-12)
        let flat = Axis(margin: 0).resolvedRange(data: 5...5)
        XCTAssertEqual(flat.0, 4.5, accuracy: 1e-12)
    }
}
