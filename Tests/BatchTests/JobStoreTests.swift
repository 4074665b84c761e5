import GeoSupport
import XCTest
@testable import Batch

/// The store's state machine, leases, priority order, cancel and retry.
final class JobStoreTests: XCTestCase {
    func testTransitions() {
        XCTAssertTrue(JobStatus.created.canTransition(to: .queued))
        XCTAssertTrue(JobStatus.running.canTransition(to: .queued))
        XCTAssertTrue(JobStatus.failed.canTransition(to: .queued))
        XCTAssertFalse(JobStatus.completed.canTransition(to: .queued))
        XCTAssertFalse(JobStatus.queued.canTransition(to: .completed))
        XCTAssertEqual(BatchStatus(counts: [.completed: 3, .queued: 1]), .running)
        XCTAssertEqual(BatchStatus(counts: [.completed: 3, .failed: 1]), .partiallyFailed)
        XCTAssertEqual(BatchStatus(counts: [.failed: 2]), .failed)
        XCTAssertEqual(BatchStatus(counts: [.completed: 1, .cancelled: 2]), .cancelled)
        XCTAssertEqual(BatchStatus(counts: [.completed: 2]), .completed)
    }

    func testLifecycleCompleteOnceAndRetries() throws {
        let store = try TestJobs.store()
        let batch = try TestJobs.submit(store, "kind: test\nmax_retries: 1\nretry_backoff: 0\nparameters: {x: {grid: [1, 2]}}")
        XCTAssertEqual(try store.jobs().map(\.status), [.queued, .queued])
        let a = try XCTUnwrap(try store.claim(workerID: "h:1:w0", lease: 30))
        XCTAssertEqual(a.attempt, 1)
        XCTAssertEqual(a.parameters, ["x": 1])
        XCTAssertEqual(try store.jobs()[0].status, .running)
        XCTAssertFalse(try store.complete(jobID: a.id, workerID: "h:1:w9", result: JobResult(), duration: 0), "not the lease holder")
        XCTAssertTrue(try store.complete(jobID: a.id, workerID: "h:1:w0", result: JobResult(values: ["v": 1]), duration: 0))
        XCTAssertFalse(try store.complete(jobID: a.id, workerID: "h:1:w0", result: JobResult(), duration: 0), "completed once")
        let b = try XCTUnwrap(try store.claim(workerID: "h:1:w0", lease: 30))
        XCTAssertEqual(try store.fail(jobID: b.id, workerID: "h:1:w0", error: "boom"), .queued, "1 retry left")
        let b2 = try XCTUnwrap(try store.claim(workerID: "h:1:w0", lease: 30))
        XCTAssertEqual(b2.attempt, 2)
        XCTAssertEqual(try store.fail(jobID: b2.id, workerID: "h:1:w0", error: "boom"), .failed)
        XCTAssertNil(try store.claim(workerID: "h:1:w0", lease: 30))
        let s = try XCTUnwrap(try store.summaries(batchID: batch).first)
        XCTAssertEqual(s.status, .partiallyFailed)
        XCTAssertEqual(s.percent, 100)
        XCTAssertEqual(try store.results().count, 1)
        XCTAssertEqual(try store.jobs(status: .failed).first?.error, "boom")
        XCTAssertEqual(try store.retry(failed: true), 1)
        let b3 = try XCTUnwrap(try store.claim(workerID: "h:1:w0", lease: 30))
        XCTAssertEqual(b3.attempt, 1, "retry gives a fresh attempt budget")
    }

    func testPriorityThenFIFO() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\npriority: 5\nparameters: {x: {grid: [1, 2]}}")
        try TestJobs.submit(store, "kind: test\npriority: 1\nparameters: {x: {grid: [3, 4]}}")
        var order: [ParameterValue] = []
        while let j = try store.claim(workerID: "h:1:w0", lease: 30) { order.append(j.parameters["x"]!) }
        XCTAssertEqual(order, [3, 4, 1, 2])
    }

    func testShardsPartitionTheJobs() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\nparameters: {x: {sweep: {start: 0, stop: 9, step: 1}}}")
        var seen: [Int] = []
        for k in 0..<3 {
            let shard = try Shard(index: k, count: 3)
            while let j = try store.claim(workerID: "h:1:w0", shard: shard, lease: 30) {
                XCTAssertEqual(j.seq % 3, k)
                seen.append(j.seq)
            }
        }
        XCTAssertEqual(seen.sorted(), Array(0..<10))
        XCTAssertThrowsError(try Shard(parsing: "3/3"))
        XCTAssertThrowsError(try Shard(parsing: "x"))
    }

    func testExpiredLeaseAndDeadProcessAreRequeued() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [1, 2, 3]}}")
        let remote = try XCTUnwrap(try store.claim(workerID: "elsewhere:1:w0", lease: 0.05))
        let dead = try XCTUnwrap(try store.claim(workerID: "\(ProcessIdentity.host):999999:w0", lease: 30))
        let live = try XCTUnwrap(try store.claim(workerID: "\(ProcessIdentity.current.id):w0", lease: 30))
        XCTAssertEqual(try store.requeueAbandoned(), 1, "the dead local pid, at once")
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertEqual(try store.requeueAbandoned(), 1, "the remote worker's expired lease")
        let byID = Dictionary(uniqueKeysWithValues: try store.jobs().map { ($0.id, $0) })
        XCTAssertEqual(byID[remote.id]?.status, .queued)
        XCTAssertEqual(byID[dead.id]?.status, .queued)
        XCTAssertEqual(byID[dead.id]?.attempts, 0, "an interrupted attempt does not count")
        XCTAssertEqual(byID[live.id]?.status, .running)
        XCTAssertFalse(try store.complete(jobID: remote.id, workerID: "elsewhere:1:w0", result: JobResult(), duration: 0),
                       "a worker that lost its lease cannot commit")
        let lost = try store.heartbeat(processID: "elsewhere:1", jobIDs: [remote.id], lease: 30, jobsDone: 0)
        XCTAssertEqual(lost, [remote.id])
    }

    func testCancelBatchOrJob() throws {
        let store = try TestJobs.store()
        let b1 = try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [1, 2]}}")
        try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [3]}}")
        let running = try XCTUnwrap(try store.claim(workerID: "h:1:w0", lease: 30))
        XCTAssertEqual(try store.cancel(batchID: b1), 2)
        XCTAssertEqual(try store.jobs(batchID: b1).map(\.status), [.cancelled, .cancelled])
        XCTAssertEqual(try store.heartbeat(processID: "h:1", jobIDs: [running.id], lease: 30, jobsDone: 0), [running.id])
        XCTAssertEqual(try store.summaries(batchID: b1).first?.status, .cancelled)
        let rest = try store.jobs(status: .queued)
        XCTAssertEqual(try store.cancel(jobID: rest[0].id), 1)
        XCTAssertEqual(try store.retry(failed: false, cancelled: true, batchID: b1), 2)
    }

    func testSubmitRejectsJobsTheKindRejects() throws {
        let store = try TestJobs.store()
        let spec = try BatchSpec.parse("kind: test\nparameters: {x: {grid: [1, -1]}}")
        XCTAssertThrowsError(try store.submit(spec, specText: "") { p in
            if p["x"]!.doubleValue! < 0 { throw BatchError.invalidSpec(path: "parameters.x", message: "must be ≥ 0") }
        }) { XCTAssertEqual("\($0)", "parameters.x: must be ≥ 0 (job 1)") }
        XCTAssertEqual(try store.batches().count, 0, "nothing stored")
    }
}
