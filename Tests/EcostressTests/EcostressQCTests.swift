import XCTest
import Ecostress

/// QC word decoding: every two-bit field in isolation, and combined words.
final class EcostressQCTests: XCTestCase {
    func testMandatoryQATable() {
        let table: [(UInt16, EcostressQC.MandatoryQA)] = [
            (0b00, .best), (0b01, .nominal), (0b10, .cloudDetected), (0b11, .notProduced),
            (0xFFFC, .best), (0xFFFD, .nominal), (0xFFFE, .cloudDetected), (0xFFFF, .notProduced),
        ]
        for (raw, expected) in table { XCTAssertEqual(EcostressQC(raw).mandatory, expected, "\(raw)") }
    }

    func testEachFieldDecodesItsOwnBitsOnly() {
        let fields: [(Int, KeyPath<EcostressQC, UInt16>)] = [
            (2, \.dataQuality), (4, \.cloudOcean), (6, \.iterations), (8, \.atmosphericOpacity),
            (10, \.mmd), (12, \.emissivityAccuracy), (14, \.lstAccuracy),
        ]
        for (shift, path) in fields {
            for v: UInt16 in 0...3 {
                let word = v << UInt16(shift)
                XCTAssertEqual(EcostressQC(word)[keyPath: path], v, "bits \(shift)-\(shift + 1) = \(v)")
                XCTAssertEqual(EcostressQC(word).mandatory, .best)
                for (other, otherPath) in fields where other != shift {
                    XCTAssertEqual(EcostressQC(word)[keyPath: otherPath], 0, "bits \(shift) leak into \(other)")
                }
            }
        }
    }

    func testCombinedWordAndLevels() {
        // nominal, data quality 2, LST accuracy 3 (as the fixtures write them).
        let q = EcostressQC(0b01 | (2 << 2) | (3 << 14))
        XCTAssertEqual(q.mandatory, .nominal)
        XCTAssertEqual(q.dataQuality, 2)
        XCTAssertEqual(q.lstAccuracy, 3)
        XCTAssertFalse(q.passes(.best))
        XCTAssertTrue(q.passes(.nominal))
        XCTAssertTrue(EcostressQC(0).passes(.best))
        XCTAssertFalse(EcostressQC(2).passes(.nominal))
        XCTAssertFalse(EcostressQC(3).passes(.nominal))
    }
}
