import Foundation
import TestSupport
@testable import Batch

/// Job kinds and helpers for the Batch tests.
enum TestJobs {
    /// A fresh store in a temporary run directory.
    static func store() throws -> JobStore {
        try JobStore(runDirectory: try TestSupport.temporaryDirectory("batch-test"), create: true)
    }

    /// Submits YAML spec text.
    @discardableResult
    static func submit(_ store: JobStore, _ yaml: String) throws -> Int64 {
        try store.submit(try BatchSpec.parse(yaml), specText: yaml)
    }

    /// A pool configuration for fast tests: thread isolation, short heartbeat.
    static func config(workers: Int = 2) -> BatchWorkerPool.Configuration {
        var c = BatchWorkerPool.Configuration()
        c.workers = workers
        c.isolation = .thread
        c.heartbeatInterval = 0.05
        c.idlePoll = 0.01
        return c
    }
}

/// `test`: records the order jobs ran in; `x` is echoed as `value`; `sleep`, `fail: 1`,
/// `fail_attempts: N` and `spin: 1` (busy until cancelled) cues.
final class RecordingJob: JobRunner, @unchecked Sendable {
    let kind: String
    private let lock = NSLock()
    private var order: [Double] = []

    let schema = ParameterSchema([], acceptsOtherNumbers: true)

    init(kind: String = "test") { self.kind = kind }

    var ran: [Double] { lock.withLock { order } }

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let x = p["x"]?.doubleValue ?? .nan
        lock.withLock { order.append(x) }
        if let s = p["sleep"]?.doubleValue {
            let end = Date(timeIntervalSinceNow: s)
            while Date() < end { try context.checkCancelled(); Thread.sleep(forTimeInterval: 0.005) }
        }
        if p["spin"]?.doubleValue == 1 { while !context.isCancelled { Thread.sleep(forTimeInterval: 0.005) } }
        if p["fail"]?.doubleValue == 1 { throw BatchError.childProcess("injected failure") }
        if let n = p["fail_attempts"]?.doubleValue, Double(context.attempt) <= n { throw BatchError.childProcess("flaky") }
        return JobResult(values: ["value": .number(x)])
    }
}
