import GeoSupport
import XCTest
@testable import Grid

final class WindowTests: XCTestCase {
    func testIntersectionMatchesPixelSetIntersection() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let a = randomWindow(&rng), b = randomWindow(&rng)
            let i = a.intersection(b)
            for r in -2..<24 {
                for c in -2..<24 {
                    XCTAssertEqual(i.contains(col: c, row: r), a.contains(col: c, row: r) && b.contains(col: c, row: r),
                                   "\(a) ∩ \(b) at (\(c), \(r))")
                }
            }
        }
    }

    func testDisjointWindowsIntersectEmpty() {
        let i = Window(col: 0, row: 0, width: 5, height: 5).intersection(Window(col: 10, row: 0, width: 3, height: 3))
        XCTAssertTrue(i.isEmpty)
        XCTAssertEqual(i.pixelCount, 0)
    }

    func testClamped() {
        XCTAssertEqual(Window(col: -3, row: 5, width: 10, height: 100).clamped(width: 20, height: 30),
                       Window(col: 0, row: 5, width: 7, height: 25))
    }

    func testBlocksTileTheWindowExactlyOnceInFileOrder() {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<100 {
            let w = randomWindow(&rng)
            guard !w.isEmpty else { continue }
            let bw = Int(rng.next() % 7) + 1, bh = Int(rng.next() % 7) + 1
            let blocks = w.blocks(blockWidth: bw, blockHeight: bh)
            var covered = [Int: Int]()
            for b in blocks {
                XCTAssertTrue(w.contains(b))
                XCTAssertEqual(b.col / bw, (b.colEnd - 1) / bw, "block crosses a block column boundary")
                XCTAssertEqual(b.row / bh, (b.rowEnd - 1) / bh, "block crosses a block row boundary")
                for r in b.row..<b.rowEnd { for c in b.col..<b.colEnd { covered[r * 1000 + c, default: 0] += 1 } }
            }
            XCTAssertEqual(covered.count, w.pixelCount)
            XCTAssertTrue(covered.values.allSatisfy { $0 == 1 })
            // File order: rows of blocks top to bottom, left to right within a row.
            let keys: [Int] = blocks.map { $0.row * 1000 + $0.col }
            XCTAssertEqual(keys, keys.sorted())
        }
    }

    func testPartialEdgeBlocks() {
        let blocks = Window(width: 300, height: 200).blocks(blockWidth: 128, blockHeight: 128)
        XCTAssertEqual(blocks.count, 6)
        XCTAssertEqual(blocks[2], Window(col: 256, row: 0, width: 44, height: 128))
        XCTAssertEqual(blocks[5], Window(col: 256, row: 128, width: 44, height: 72))
    }

    private func randomWindow(_ rng: inout SplitMix64) -> Window {
        Window(col: Int(rng.next() % 15), row: Int(rng.next() % 15),
               width: Int(rng.next() % 10), height: Int(rng.next() % 10))
    }
}
