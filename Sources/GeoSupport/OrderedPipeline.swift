import Foundation

/// A bounded, ordered producer–consumer pipeline on dedicated threads (not Swift concurrency's
/// cooperative pool, which must not be blocked by long GDAL calls):
///
///     reader thread:  item 0, 1, 2, …  produced in order
///     N workers:      transform(item) in any order
///     caller thread:  consume(0), consume(1), … strictly in order
///
/// At most `capacity` items are in flight (produced but not yet consumed), so memory is bounded by
/// `capacity` × (input + output size) whatever the item count. The first error anywhere stops
/// every stage promptly and is rethrown to the caller; nothing more is consumed after it.
public enum OrderedPipeline {
    /// Runs the pipeline over items `0..<count`.
    /// - Parameters:
    ///   - makeProducer: called once on the reader thread; returns the function producing item i
    ///     (so the reader can own non-Sendable state such as a GDAL dataset).
    ///   - transform: runs on worker threads.
    ///   - consume: runs on the calling thread, in item order.
    public static func run<Input: Sendable, Output: Sendable>(
        count: Int, workers: Int, capacity: Int,
        makeProducer: @escaping @Sendable () throws -> (Int) throws -> Input,
        transform: @escaping @Sendable (Int, Input) throws -> Output,
        consume: (Int, Output) throws -> Void
    ) throws {
        guard count > 0 else { return }
        let state = PipelineState<Input, Output>(capacity: max(1, capacity))
        let workerCount = max(1, workers)
        let done = DispatchGroup()

        done.enter()
        Thread.detachNewThread {
            defer { done.leave() }
            do {
                let produce = try makeProducer()
                for i in 0..<count {
                    guard state.waitForSlot() else { break }
                    let item = try produce(i)
                    state.enqueue(i, item)
                }
            } catch {
                state.fail(error)
            }
            state.finishProducing()
        }
        for _ in 0..<workerCount {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                while let (i, item) = state.dequeue() {
                    do {
                        state.deliver(i, try transform(i, item))
                    } catch {
                        state.fail(error)
                        return
                    }
                }
            }
        }
        for i in 0..<count {
            guard let output = state.waitForResult(i) else { break }
            do {
                try consume(i, output)
            } catch {
                state.fail(error)
                break
            }
        }
        state.fail(nil)      // releases any thread still waiting (no-op when all finished)
        done.wait()
        if let error = state.error { throw error }
    }
}

/// Shared state of one pipeline run, guarded by one condition variable.
final class PipelineState<Input: Sendable, Output: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var inFlight = 0
    private var queue: [(Int, Input)] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var producing = true
    private var stopped = false
    private(set) var error: Error?

    init(capacity: Int) { self.capacity = capacity }

    /// Reader: blocks until fewer than `capacity` items are in flight; false when stopped.
    func waitForSlot() -> Bool {
        condition.lock(); defer { condition.unlock() }
        while inFlight >= capacity && !stopped { condition.wait() }
        if stopped { return false }
        inFlight += 1
        return true
    }

    func enqueue(_ i: Int, _ item: Input) {
        condition.lock(); defer { condition.unlock() }
        queue.append((i, item))
        condition.broadcast()
    }

    func finishProducing() {
        condition.lock(); defer { condition.unlock() }
        producing = false
        condition.broadcast()
    }

    /// Worker: the next item, or nil when there is no more work (or the pipeline stopped).
    func dequeue() -> (Int, Input)? {
        condition.lock(); defer { condition.unlock() }
        while queueHead == queue.count && producing && !stopped { condition.wait() }
        if stopped || queueHead == queue.count { return nil }
        let item = queue[queueHead]
        queueHead += 1
        if queueHead > 64 && queueHead * 2 > queue.count {   // compact occasionally
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return item
    }

    func deliver(_ i: Int, _ output: Output) {
        condition.lock(); defer { condition.unlock() }
        results[i] = output
        condition.broadcast()
    }

    /// Caller: waits for item i's output; nil when the pipeline stopped (error).
    func waitForResult(_ i: Int) -> Output? {
        condition.lock(); defer { condition.unlock() }
        while results[i] == nil && !stopped { condition.wait() }
        if stopped { return nil }
        inFlight -= 1
        condition.broadcast()
        return results.removeValue(forKey: i)
    }

    /// Stops every stage; records the first error (nil just stops).
    func fail(_ e: Error?) {
        condition.lock(); defer { condition.unlock() }
        if error == nil, let e { error = e }
        stopped = true
        condition.broadcast()
    }
}
