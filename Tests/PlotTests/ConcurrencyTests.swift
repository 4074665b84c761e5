import Dispatch
import Foundation
import XCTest
@testable import Plot

final class ConcurrencyTests: XCTestCase {
    /// Rendering different figures on several threads at once gives the same pixels as rendering
    /// them one after another (each render owns its cairo surface; the font cache is shared).
    func testConcurrentRenderingMatchesSerial() throws {
        let makers = SampleFigures.all.map(\.1)
        let serial = try makers.map { try $0().render() }
        let rounds = 4
        let results = ResultBox(count: makers.count * rounds)
        DispatchQueue.concurrentPerform(iterations: makers.count * rounds) { i in
            results.set(i, Result { try makers[i % makers.count]().render() })
        }
        for i in 0..<(makers.count * rounds) {
            let img = try XCTUnwrap(results.get(i)).get()
            XCTAssertEqual(img, serial[i % makers.count], "figure \(i % makers.count) differs when rendered concurrently")
        }
    }
}

/// A lock-protected array of results written from worker threads.
final class ResultBox: @unchecked Sendable {
    private var items: [Result<RGBAImage, Error>?]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<RGBAImage, Error>) { lock.lock(); items[i] = r; lock.unlock() }
    func get(_ i: Int) -> Result<RGBAImage, Error>? { lock.lock(); defer { lock.unlock() }; return items[i] }
}
