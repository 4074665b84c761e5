import Foundation

/// The one way geotool spreads work over threads: dedicated `Thread`s (never Swift concurrency's
/// cooperative pool, which long GDAL or compute calls must not block), a shared work counter, results
/// in item order. Each item runs entirely on one thread, so it may open its own (non-Sendable) GDAL
/// `Dataset`; only the item index and the `Sendable` result cross threads. Files in parallel
/// (reproject, extract, plot batch, ecostress), scenarios in parallel (erosion run), rasters written in
/// parallel (erosion derive) and row bands of one grid (`forRows`) all go through here.
public enum WorkerThreads {
    /// Calls `body(i)` for `i` in `0..<count` on up to `jobs` threads. The first error thrown
    /// stops handing out new items and is rethrown once running items finish.
    public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
        guard count > 0 else { return [] }
        let state = State<T>(count: count)
        let threads = max(1, min(jobs, count))
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            let thread = Thread {
                defer { group.leave() }
                while let i = state.nextItem() {
                    do { state.store(i, .success(try body(i))) } catch { state.store(i, .failure(error)) }
                }
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        return try state.results()
    }

    /// Calls `body(rows)` for disjoint bands of `0..<rows` (about four per thread) on up to `jobs`
    /// threads and returns when all are done; `jobs` ≤ 1 or fewer than 64 rows run inline. The body
    /// may write disjoint parts of a shared buffer. Fork–join on GCD's worker threads
    /// (`concurrentPerform` returns only when every band is done and keeps no reference to `body`,
    /// which `map`'s threads would, for a moment after they finish).
    public static func forRows(_ rows: Int, jobs: Int, _ body: (Range<Int>) -> Void) {
        let jobs = max(1, min(jobs, rows))
        if jobs == 1 || rows < 64 { body(0..<rows); return }
        let bands = jobs * 4
        let per = (rows + bands - 1) / bands
        withoutActuallyEscaping(body) { escaping in
            let box = UncheckedBody(run: escaping)
            DispatchQueue.concurrentPerform(iterations: bands) { k in
                let lo = k * per, hi = min(rows, lo + per)
                if lo < hi { box.run(lo..<hi) }
            }
        }
    }

    /// Default job count: the machine's active processors.
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// A row-band body that only writes disjoint indices, carried to the worker threads.
    private struct UncheckedBody: @unchecked Sendable { let run: (Range<Int>) -> Void }

    private final class State<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var failed: Error?
        private var slots: [T?]

        init(count: Int) { slots = [T?](repeating: nil, count: count) }

        func nextItem() -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard failed == nil, next < slots.count else { return nil }
            next += 1
            return next - 1
        }

        func store(_ i: Int, _ r: Result<T, Error>) {
            lock.lock(); defer { lock.unlock() }
            switch r {
            case .success(let v): slots[i] = v
            case .failure(let e): if failed == nil { failed = e }
            }
        }

        func results() throws -> [T] {
            if let failed { throw failed }
            return slots.map { $0! }
        }
    }
}
