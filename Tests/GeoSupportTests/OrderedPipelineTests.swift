import Foundation
import GeoSupport
import XCTest

/// The bounded ordered pipeline: in-order delivery under uneven work, and a failing stage stops it.
final class OrderedPipelineTests: XCTestCase {
    func testAFailingStageStopsThePipeline() throws {
        struct Boom: Error {}
        var consumed = 0
        XCTAssertThrowsError(try OrderedPipeline.run(
            count: 100, workers: 2, capacity: 2,
            makeProducer: { { i in i } },
            transform: { i, v -> Int in if i == 37 { throw Boom() }; return v * 2 },
            consume: { i, v in XCTAssertEqual(v, i * 2); consumed += 1 })) { XCTAssertTrue($0 is Boom) }
        XCTAssertLessThanOrEqual(consumed, 37)
    }

    func testOrderedPipelineDeliversInOrderUnderLoad() throws {
        var seen: [Int] = []
        try OrderedPipeline.run(count: 500, workers: 3, capacity: 4,
                                makeProducer: { { $0 } },
                                transform: { i, v -> Int in if i % 7 == 0 { usleep(100) }; return v },
                                consume: { i, v in XCTAssertEqual(i, v); seen.append(v) })
        XCTAssertEqual(seen, Array(0..<500))
    }
}
