import Foundation
import GeoSupport
import XCTest
@testable import Batch

/// The dashboard's store queries: pages against a slow obvious filter/sort of every job, text and
/// number filters, refusals naming the field; completion rates and estimates over a window; live
/// workers with the jobs they hold.
final class JobStorePagesTests: XCTestCase {
    func testPagesEqualFilteringAndSortingEveryJob() throws {
        let store = try TestJobs.store()
        let batch = try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [3, 1, 2]}, label: {grid: [b, a]}}")
        // Complete jobs 1, 3 and 5 with a value = 10 × seq, so result sorting and missing results are exercised.
        var claimed: [ClaimedJob] = []
        while let job = try store.claim(workerID: "h:1:w0", lease: 30) { claimed.append(job) }
        for job in claimed where job.seq % 2 == 0 {
            XCTAssertTrue(try store.complete(jobID: job.id, workerID: "h:1:w0",
                                             result: JobResult(values: ["v": .number(Double(10 * job.seq))], outputs: ["/r/\(job.id).png"]),
                                             duration: 0))
        }
        for job in claimed where job.seq % 2 == 1 { _ = try store.fail(jobID: job.id, workerID: "h:1:w0", error: "e\(job.seq)", retryable: false) }
        let all = try store.jobs(batchID: batch)
        XCTAssertEqual(try store.parameterNames(batchID: batch), ["label", "x"])

        var query = JobPageQuery(batchID: batch, limit: 2)
        query.parameterEquals = ["label": .string("a")]
        query.sort = .parameter("x")
        query.descending = true
        var seen: [Int64] = []
        for offset in stride(from: 0, to: 6, by: 2) {
            query.offset = offset
            let page = try store.jobPage(query)
            XCTAssertEqual(page.total, 3)
            seen += page.entries.map(\.job.id)
        }
        let expected = all.filter { $0.parameters["label"] == .string("a") }
            .sorted { ($0.parameters["x"]!.doubleValue!, $0.id) > ($1.parameters["x"]!.doubleValue!, $1.id) }.map(\.id)
        XCTAssertEqual(seen, expected)

        var failed = JobPageQuery(batchID: batch)
        failed.statuses = [.failed]
        failed.parameterEquals = ["x": .number(1)]
        let page = try store.jobPage(failed)
        XCTAssertEqual(page.entries.map(\.job.id), all.filter { $0.status == .failed && $0.parameters["x"] == .number(1) }.map(\.id))
        XCTAssertTrue(page.entries.allSatisfy { $0.result == nil && $0.job.error == "e\($0.job.seq)" })

        var byValue = JobPageQuery(batchID: batch)
        byValue.sort = .value("v")
        byValue.descending = true
        let values = try store.jobPage(byValue).entries.map { $0.result?.values["v"]?.doubleValue }
        XCTAssertEqual(values, [40, 20, 0, nil, nil, nil], "completed first, by value; jobs without a result last")
        XCTAssertEqual(try store.jobPage(byValue).entries.first?.result?.outputs.count, 1)
        let fourth = try XCTUnwrap(claimed.first { $0.seq == 4 })
        XCTAssertEqual(try store.result(jobID: fourth.id)?.values["v"], .number(40))
        XCTAssertNil(try store.result(jobID: claimed.first { $0.seq == 1 }!.id))
    }

    func testRefusalsNameTheField() throws {
        let store = try TestJobs.store()
        let batch = try TestJobs.submit(store, "kind: test\nparameters: {x: {grid: [1, 2]}}")
        var q = JobPageQuery(batchID: batch)
        q.limit = 0
        XCTAssertThrowsError(try store.jobPage(q)) { XCTAssertEqual(($0 as? BatchError).map(Self.path), "limit") }
        q.limit = JobPageQuery.maxLimit + 1
        XCTAssertThrowsError(try store.jobPage(q)) { XCTAssertEqual(($0 as? BatchError).map(Self.path), "limit") }
        q = JobPageQuery(batchID: batch)
        q.offset = -1
        XCTAssertThrowsError(try store.jobPage(q)) { XCTAssertEqual(($0 as? BatchError).map(Self.path), "offset") }
        q = JobPageQuery(batchID: batch)
        q.parameterEquals = ["x')--": .number(1)]
        XCTAssertThrowsError(try store.jobPage(q)) { XCTAssertEqual(($0 as? BatchError).map(Self.path), "p.x')--") }
        q = JobPageQuery(batchID: batch)
        q.sort = .value("a\"b")
        XCTAssertThrowsError(try store.jobPage(q)) { XCTAssertEqual(($0 as? BatchError).map(Self.path), "sort") }
        XCTAssertEqual(try store.jobs(batchID: batch).count, 2, "nothing was changed")
    }

    func testActivityRatesEstimatesAndLiveWorkers() throws {
        let store = try TestJobs.store()
        let batch = try TestJobs.submit(store, "kind: test\nparameters: {x: {list: [1, 2, 3, 4, 5, 6, 7, 8]}}")
        try store.registerProcess("h:7", threads: 2, shard: nil)
        var done = 0
        while done < 3, let job = try store.claim(workerID: "h:7:w0", lease: 30) {
            XCTAssertTrue(try store.complete(jobID: job.id, workerID: "h:7:w0", result: JobResult(), duration: 0))
            done += 1
        }
        _ = try store.claim(workerID: "h:7:w1", lease: 30)   // one held RUNNING
        let now = Date().timeIntervalSince1970
        let recent = try XCTUnwrap(try store.batchActivity(window: 60, now: now)[batch])
        XCTAssertEqual(recent.completedInWindow, 3)
        XCTAssertEqual(recent.windowSeconds, 1, "a batch submitted just now: the window is clamped to 1 s")
        XCTAssertEqual(recent.jobsPerSecond, 3)
        XCTAssertEqual(recent.secondsRemaining(5) ?? -1, 5.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(recent.secondsRemaining(0), 0)
        // Two minutes later nothing completed within the window: no estimate.
        let later = try XCTUnwrap(try store.batchActivity(window: 60, now: now + 120)[batch])
        XCTAssertEqual(later.completedInWindow, 0)
        XCTAssertEqual(later.windowSeconds, 60)
        XCTAssertNil(later.secondsRemaining(5))

        let workers = try store.liveWorkers(now: now)
        XCTAssertEqual(workers.map(\.id), ["h:7"])
        XCTAssertEqual(workers.first?.threads, 2)
        XCTAssertEqual(workers.first?.running, 1)
        XCTAssertEqual(try store.liveWorkers(now: now + 30), [], "no heartbeat for 30 s: not live")
        try store.unregisterProcess("h:7", jobsDone: 3)
        XCTAssertEqual(try store.liveWorkers(now: now), [])
    }

    private static func path(_ e: BatchError) -> String? {
        if case .invalidSpec(let path, _) = e { return path }
        return nil
    }
}
