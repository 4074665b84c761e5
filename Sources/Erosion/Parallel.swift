import Dispatch
import Foundation

/// Row-parallel loops over a grid using `DispatchQueue.concurrentPerform` (never the Swift
/// cooperative pool). `jobs` ≤ 1 runs inline.
enum Parallel {
    /// Calls `body(rowRange)` for disjoint chunks of `0..<rows`, on up to `jobs` threads.
    static func forRows(_ rows: Int, jobs: Int, _ body: (Range<Int>) -> Void) {
        let jobs = max(1, min(jobs, rows))
        if jobs == 1 || rows < 64 { body(0..<rows); return }
        let chunks = jobs * 4
        let per = (rows + chunks - 1) / chunks
        withoutActuallyEscaping(body) { escaping in
            let box = UncheckedBox(value: escaping)
            DispatchQueue.concurrentPerform(iterations: chunks) { k in
                let lo = k * per, hi = min(rows, lo + per)
                if lo < hi { box.value(lo..<hi) }
            }
        }
    }

    /// Default thread count: the active processor count.
    static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// A raw pointer wrapper that may be captured by parallel loops writing disjoint indices.
struct SharedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ p: UnsafeMutableBufferPointer<T>) { base = p.baseAddress! }
    @inline(__always) subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }
}

/// Carries a non-Sendable value (a loop body that only writes disjoint indices) across threads.
struct UncheckedBox<T>: @unchecked Sendable { let value: T }
