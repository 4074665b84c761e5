import Foundation
import GeoSupport
import XCTest

/// The resumable chunk store: an interrupted run resumes after its stored chunks, another run's parts are
/// discarded (and why), leftovers of a killed writer go, and the output is the header and every chunk once.
final class ChunkStoreTests: ScratchDirectoryTestCase {
    private var out: String { "\(dir)/out.bin" }

    private func open(_ fingerprint: String = "run", items: Int = 10, chunkSize: Int? = nil) throws -> ChunkStore {
        try ChunkStore(output: out, fingerprint: fingerprint, itemCount: items, requestedChunkSize: chunkSize, autoChunkSize: 3)
    }

    /// Stores chunks `range` of a run with `open` (every item is its index as a byte), without finishing.
    private func interruptedRun(_ range: Range<Int>, _ store: ChunkStore) throws {
        try store.beginAssembly(header: [255])
        for i in range { try store.store(i, Array(UInt8(3 * i)..<UInt8(min(3 * i + 3, 10)))) }
    }

    func testAnInterruptedRunResumesAfterItsStoredChunks() throws {
        do {
            let first = try open()
            XCTAssertEqual([first.chunkSize, first.chunkCount, first.completed], [3, 4, 0])
            try interruptedRun(0..<2, first)
        }   // dropped unfinished, as a killed run would leave it (minus its temporary)
        XCTAssertEqual(listing, ["out.bin.parts"])
        _ = FileManager.default.createFile(atPath: "\(out).parts/.chunk_000002.part.tmp-1-2", contents: Data([9]))
        let second = try open()
        XCTAssertNil(second.discarded)
        XCTAssertEqual(second.completed, 2)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: second.directory).sorted(),
                       ["chunk_000000.part", "chunk_000001.part", "manifest.json"], "the killed writer's leftovers go")
        try interruptedRun(2..<4, second)
        try second.finish(extras: [(path: "\(dir)/out.json", bytes: Array("{}".utf8))])
        XCTAssertEqual(FileManager.default.contents(atPath: out), Data([255] + Array(0..<10)))
        XCTAssertEqual(listing, ["out.bin", "out.json"])
    }

    func testPartsOfAnotherRunAreDiscardedWithTheReason() throws {
        try interruptedRun(0..<1, try open())
        XCTAssertEqual(try open(chunkSize: 3).discarded, nil, "the stored size, asked for explicitly")
        XCTAssertEqual(try open(chunkSize: 4).discarded, .otherChunkSize(3))
        try interruptedRun(0..<1, try open())
        let other = try open("another run")
        XCTAssertEqual(other.discarded, .otherRun)
        XCTAssertEqual(other.completed, 0)
        try interruptedRun(0..<1, try open())
        XCTAssertEqual(try open(items: 11).discarded, .otherRun)
    }

    func testTheTemporaryOfAKilledAssemblyIsRemovedWhenTheStoreOpens() throws {
        let stale = "\(dir)/.out.bin.tmp-99991-7"
        _ = FileManager.default.createFile(atPath: stale, contents: Data([1, 2]))
        var calls = DurableFileCalls.system
        calls.processExists = { _ in false }
        _ = try ChunkStore(output: out, fingerprint: "run", itemCount: 1, requestedChunkSize: nil, autoChunkSize: 1, calls: calls)
        XCTAssertEqual(listing, ["out.bin.parts"])
    }
}
