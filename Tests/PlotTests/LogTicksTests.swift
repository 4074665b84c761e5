import XCTest
@testable import Plot

final class LogTicksTests: XCTestCase {
    func testDecadesAndMinorTicks() {
        let t = LogTicks.ticks(min: 1e-5, max: 1e-2)
        XCTAssertEqual(t.filter(\.isMajor).map(\.value), [1e-5, 1e-4, 1e-3, 1e-2])
        XCTAssertEqual(t.filter(\.isMajor).map(\.label.description), ["10^−5", "10^−4", "10^−3", "10^−2"])
        XCTAssertEqual(t.filter { !$0.isMajor }.count, 3 * 8)
        XCTAssertTrue(t.filter { !$0.isMajor }.allSatisfy(\.label.isEmpty))
    }

    func testManyDecadesLabelEveryOther() {
        let t = LogTicks.ticks(min: 1e-15, max: 1e0, maxLabels: 8)
        let labelled = t.filter(\.isMajor).map { Int(log10($0.value).rounded()) }
        XCTAssertLessThanOrEqual(labelled.count, 8)
        XCTAssertTrue(labelled.allSatisfy { $0 % 2 == 0 })
    }

    func testRangeInsideOneDecadeFallsBackToLinear() {
        let t = LogTicks.ticks(min: 2, max: 8)
        XCTAssertFalse(t.isEmpty)
        XCTAssertTrue(t.allSatisfy { $0.value >= 2 && $0.value <= 8 && $0.isMajor })
        XCTAssertTrue(LogTicks.ticks(min: -1, max: 10).isEmpty)
    }
}
