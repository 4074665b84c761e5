import Foundation
import XCTest
@testable import TEM1D

final class ParallelTests: XCTestCase {
    static func randomModels(_ n: Int, seed: UInt64) throws -> [LayeredModel] {
        try ModelSpec(resistivities: (0..<4).map { _ in .logUniform(low: 1, high: 1000) },
                      thicknesses: (0..<3).map { _ in .logUniform(low: 1, high: 100) },
                      mode: .monteCarlo(count: n, seed: seed)).expand()
    }

    static func bits(_ r: [Response]) -> [UInt64] { r.flatMap { ($0.dbzdt + $0.bz).map(\.bitPattern) } }

    /// Parallel (2 and 3 workers, different chunk sizes) must be bit-identical to the sequential batch API,
    /// chunks must arrive in order and cover every model once.
    func testParallelBitIdenticalToSequential() throws {
        let models = try Self.randomModels(230, seed: 7)
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        let modeller = try ForwardModeller(system: TEMSystem(loopRadius: 25, times: times))
        let sequential = modeller.forward(models)
        for (workers, chunk) in [(2, 17), (3, 50), (2, nil as Int?)] {
            var got: [Response] = []
            var nextIndex = 0
            var progressCalls = 0
            try ChunkedRunner.run(models: models, modeller: modeller, workers: workers, chunkSize: chunk,
                                  progress: { done, total in
                                      progressCalls += 1
                                      XCTAssertEqual(total, models.count)
                                      XCTAssertEqual(done, got.count)
                                  }) { c in
                XCTAssertEqual(c.index, nextIndex)
                XCTAssertEqual(c.range.lowerBound, got.count)
                nextIndex += 1
                got.append(contentsOf: c.responses)
            }
            XCTAssertEqual(got.count, models.count)
            XCTAssertEqual(Self.bits(got), Self.bits(sequential), "workers \(workers) chunk \(String(describing: chunk))")
            XCTAssertEqual(progressCalls, nextIndex)
        }
    }

    /// Resume: starting at chunk k delivers exactly the remaining chunks, identical to a full run's tail.
    func testResumeAndCallbackErrorStops() throws {
        let models = try Self.randomModels(60, seed: 11)
        let modeller = try ForwardModeller(system: TEMSystem(loopRadius: 10, times: [1e-5, 1e-4, 1e-3]))
        let full = modeller.forward(models)
        var tail: [Response] = []
        try ChunkedRunner.run(models: models, modeller: modeller, workers: 2, chunkSize: 10, startChunk: 4) { c in
            tail.append(contentsOf: c.responses)
        }
        XCTAssertEqual(Self.bits(tail), Self.bits(Array(full[40...])))

        struct Stop: Error {}
        var delivered = 0
        XCTAssertThrowsError(try ChunkedRunner.run(models: models, modeller: modeller, workers: 2, chunkSize: 5) { _ in
            delivered += 1
            if delivered == 2 { throw Stop() }
        }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(delivered, 2)
    }

    /// The chunk-size rule: max(100, n/(10·workers)) rounded to a multiple of 50.
    func testChunkSizeRule() {
        XCTAssertEqual(ChunkedRunner.chunkSize(modelCount: 10, workers: 2), 100)
        XCTAssertEqual(ChunkedRunner.chunkSize(modelCount: 10_000, workers: 2), 500)
        XCTAssertEqual(ChunkedRunner.chunkSize(modelCount: 1_000_000, workers: 8), 12_500)
        XCTAssertEqual(ChunkedRunner.chunkSize(modelCount: 33_333, workers: 2), 1_650)
        XCTAssertEqual(ChunkedRunner.chunkSize(modelCount: 33_400, workers: 2), 1_650)
    }
}
