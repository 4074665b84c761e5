import Foundation

/// Runs independent work items on a fixed number of threads and returns the results in item
/// order. Each item runs entirely on one thread, so it may open its own (non-Sendable) GDAL
/// `Dataset`; only the item index and the `Sendable` result cross threads.
enum ParallelWork {
    /// Calls `body(i)` for `i` in `0..<count` on up to `jobs` threads. The first error thrown
    /// stops handing out new items and is rethrown once running items finish.
    static func map<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws -> T) throws -> [T] {
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

    /// Default job count: the machine's active processors.
    static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

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
