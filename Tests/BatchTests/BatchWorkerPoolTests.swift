import XCTest
@testable import Batch

/// The worker pool with in-process (thread) isolation: order, retry, timeout, cancel, rate limit,
/// PARTIALLY_FAILED, per-worker cache, merge of shard copies.
final class BatchWorkerPoolTests: XCTestCase {
    func testRunsEverythingInPriorityOrderWithOneWorker() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\npriority: 9\nparameters: {x: {grid: [1, 2, 3]}}")
        try TestJobs.submit(store, "kind: test\npriority: 0\nparameters: {x: {grid: [7, 8]}}")
        let job = RecordingJob()
        let p = try BatchWorkerPool(store: store, registry: JobRegistry([job]), configuration: TestJobs.config(workers: 1)).run()
        XCTAssertEqual(p.completed, 5)
        XCTAssertEqual(job.ran, [7, 8, 1, 2, 3])
        XCTAssertEqual(try store.summaries().map(\.status), [.completed, .completed])
        XCTAssertEqual(try store.results().map { $0.result.values["value"] }, [1, 2, 3, 7, 8])
    }

    func testRetryTimeoutAndPartiallyFailed() throws {
        let store = try TestJobs.store()
        let batch = try TestJobs.submit(store, """
            kind: test
            max_retries: 2
            retry_backoff: 0
            timeout: 0.3
            parameters:
              x: {list: [1, 2, 3, 4]}
              fail_attempts: {list: [0, 2, 0, 0]}
              fail: {list: [0, 0, 1, 0]}
              spin: {list: [0, 0, 0, 1]}
            """)
        let p = try BatchWorkerPool(store: store, registry: JobRegistry([RecordingJob()]), configuration: TestJobs.config()).run()
        XCTAssertEqual(p.completed, 2)
        XCTAssertEqual(p.failed, 2)
        XCTAssertEqual(p.retried, 2 + 2 + 2)
        let jobs = try store.jobs(batchID: batch)
        XCTAssertEqual(jobs.map(\.status), [.completed, .completed, .failed, .failed])
        XCTAssertEqual(jobs[1].attempts, 3, "succeeded on the third attempt")
        XCTAssertEqual(jobs[2].error, "injected failure")
        XCTAssertEqual(jobs[3].error, "timeout after 0.3s")
        XCTAssertEqual(try store.summaries(batchID: batch).first?.status, .partiallyFailed)
    }

    func testCancellingARunningJobStopsIt() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [1]}, spin: 1}")
        let pool = BatchWorkerPool(store: store, registry: JobRegistry([RecordingJob()]), configuration: TestJobs.config(workers: 1))
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { _ = try? store.cancel() }
        let p = try pool.run()
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(p.completed, 0)
        XCTAssertEqual(try store.jobs().first?.status, .cancelled)
        XCTAssertEqual(try store.results().count, 0)
    }

    func testRateLimitSpacesJobStarts() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\nrate_limit: 20\nparameters: {x: {sweep: {start: 1, stop: 10, step: 1}}}")
        let started = Date()
        try BatchWorkerPool(store: store, registry: JobRegistry([RecordingJob()]), configuration: TestJobs.config()).run()
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.44, "10 starts at 20/s take ≥ 0.45 s")
    }

    func testWorkerCacheLoadsOncePerPoolAcrossWorkers() throws {
        final class CachingJob: JobRunner, @unchecked Sendable {
            let kind = "cache"
            let schema = ParameterSchema([], acceptsOtherNumbers: true)
            let lock = NSLock()
            var loads = 0
            func run(parameters: JobParameters, context: JobContext) throws -> JobResult {
                let v: Int = context.cache.value(for: "dem") {
                    lock.withLock { loads += 1 }
                    Thread.sleep(forTimeInterval: 0.2)   // both workers ask while the first one loads
                    return 42
                }
                return JobResult(values: ["v": .number(Double(v))])
            }
        }
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: cache\nparameters: {x: {sweep: {start: 1, stop: 20, step: 1}}}")
        let job = CachingJob()
        try BatchWorkerPool(store: store, registry: JobRegistry([job]), configuration: TestJobs.config(workers: 2)).run()
        XCTAssertEqual(job.loads, 1, "loaded once, the other worker waited for it")
        XCTAssertEqual(try store.results().count, 20)
        XCTAssertEqual(Set(try store.results().map { $0.result.values["v"] }), [.number(42)])
    }

    func testWorkerCacheIsSingleFlightPerKeyAndRetriesAfterAFailedLoad() {
        struct LoadFailed: Error {}
        final class Counter: @unchecked Sendable {
            let lock = NSLock()
            var loads: [String: Int] = [:]
            func add(_ key: String) { lock.withLock { loads[key, default: 0] += 1 } }
        }
        let cache = WorkerCache(), counter = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { i in
            let key = i % 2 == 0 ? "a" : "b"
            let v: String = cache.value(for: key) {
                counter.add(key)
                Thread.sleep(forTimeInterval: 0.05)
                return key.uppercased()
            }
            XCTAssertEqual(v, key.uppercased())
        }
        XCTAssertEqual(counter.loads, ["a": 1, "b": 1])
        XCTAssertThrowsError(try cache.value(for: "c") { () throws -> Int in throw LoadFailed() })
        XCTAssertEqual(try cache.value(for: "c") { 3 }, 3, "a failed load stores nothing")
        XCTAssertEqual(cache.count, 3)
    }

    func testMergeOfShardCopiesEqualsALocalRun() throws {
        let yaml = "kind: test\nparameters: {x: {sweep: {start: 1, stop: 12, step: 1}}}"
        let (a, b, whole) = (try TestJobs.store(), try TestJobs.store(), try TestJobs.store())
        for s in [a, b, whole] { try TestJobs.submit(s, yaml) }
        var config = TestJobs.config()
        config.shard = try Shard(parsing: "0/2")
        try BatchWorkerPool(store: a, registry: JobRegistry([RecordingJob()]), configuration: config).run()
        config.shard = try Shard(parsing: "1/2")
        try BatchWorkerPool(store: b, registry: JobRegistry([RecordingJob()]), configuration: config).run()
        try BatchWorkerPool(store: whole, registry: JobRegistry([RecordingJob()]), configuration: TestJobs.config()).run()
        XCTAssertEqual(try a.summaries().first?.status, .running, "half done")
        XCTAssertEqual(try a.merge(from: b), MergeReport(merged: 6, alreadyDone: 0))
        XCTAssertEqual(try a.merge(from: b), MergeReport(merged: 0, alreadyDone: 6), "idempotent")
        XCTAssertEqual(try a.summaries().first?.status, .completed)
        XCTAssertEqual(try a.results().map(\.result), try whole.results().map(\.result))
        let other = try TestJobs.store()
        try TestJobs.submit(other, "kind: test\nparameters: {x: 1}")
        XCTAssertThrowsError(try a.merge(from: other))
    }
}
