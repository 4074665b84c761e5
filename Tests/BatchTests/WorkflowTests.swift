import Foundation
import GeoSupport
import GRDB
import TestSupport
import XCTest
@testable import Batch

/// A stage job for workflow tests: writes `out.txt` (its `x`), returns `value` = x and `count` = the
/// length of a fan-in list `items` (if given); records every parameter set it ran with. `sleep` and
/// `fail: 1` cues as `RecordingJob`; `fail_while_flag: 1` fails while `WorkflowStageJob.failing` is set.
final class WorkflowStageJob: JobRunner, @unchecked Sendable {
    let kind = "stage"
    let schema = ParameterSchema([
        ParameterDeclaration("x", .number(), help: "echoed"),
        ParameterDeclaration("sleep", .number(0...10), help: "seconds"),
        ParameterDeclaration("fail", .flag, help: "always fail"),
        ParameterDeclaration("fail_while_flag", .flag, help: "fail while the test's flag is set"),
        ParameterDeclaration("upstream", .text, help: "a value from upstream"),
        ParameterDeclaration("file", .inputFile, help: "an upstream output"),
        ParameterDeclaration("items", .list(of: .number()), help: "a fan-in of numbers"),
        ParameterDeclaration("files", .list(of: .inputFile), help: "a fan-in of files"),
    ])
    let products = KindProducts(outputs: ["out"], results: ["value", "count"])
    private let lock = NSLock()
    private var seen: [JobParameters] = []
    private var flag = false

    var ran: [JobParameters] { lock.withLock { seen } }
    var failing: Bool {
        get { lock.withLock { flag } }
        set { lock.withLock { flag = newValue } }
    }

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        lock.withLock { seen.append(p) }
        if let s = p["sleep"]?.doubleValue { Thread.sleep(forTimeInterval: s) }
        if p["fail"]?.doubleValue == 1 { throw BatchError.childProcess("injected failure") }
        if p["fail_while_flag"]?.doubleValue == 1, failing { throw BatchError.childProcess("flag set") }
        if case .string(let f)? = p["file"] { XCTAssertTrue(FileManager.default.fileExists(atPath: f), f) }
        let x = p["x"]?.doubleValue ?? 0
        let out = try context.writeOutput("out.txt") { tmp in
            try "\(x)\n".write(toFile: tmp, atomically: false, encoding: .utf8)
        }
        var values: [String: ParameterValue] = ["value": .number(x)]
        if case .list(let items)? = p["items"] { values["count"] = .number(Double(items.count)) }
        return JobResult(values: values, outputs: [out])
    }
}

final class WorkflowTests: XCTestCase {
    private func run(_ store: JobStore, _ job: WorkflowStageJob, workers: Int = 2) throws -> BatchWorkerPool.Progress {
        try BatchWorkerPool(store: store, registry: JobRegistry([job]), configuration: TestJobs.config(workers: workers)).run()
    }

    private func submit(_ store: JobStore, _ yaml: String, _ job: WorkflowStageJob) throws -> Int64 {
        try store.submit(try WorkflowSpec.parse(yaml), text: yaml, registry: JobRegistry([job]))
    }

    /// (stage, seq) → (started, finished, status) from the store.
    private func timeline(_ store: JobStore) throws -> [String: (start: Double, end: Double, status: String)] {
        try store.pool.read { db in
            var out: [String: (Double, Double, String)] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT b.stage, j.seq, j.started_at, j.finished_at, j.status FROM jobs j JOIN batches b ON b.id = j.batch_id
                """) {
                out["\(r["stage"] as String? ?? "")\(r["seq"] as Int)"] = (r["started_at"] ?? -1, r["finished_at"] ?? -1, r["status"])
            }
            return out
        }
    }

    func testNoJobStartsBeforeWhatItNeedsCompleted() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        var rng = SeededGenerator(seed: 7)
        let sleeps = (0..<6).map { _ in String(format: "%.3f", Double.random(in: 0...0.05, using: &rng)) }
        try submit(store, """
            stages:
              a: {kind: stage, parameters: {x: {list: [0, 1, 2, 3, 4, 5]}, sleep: {list: [\(sleeps.joined(separator: ","))]}}}
              b: {kind: stage, needs: [a], parameters: {x: {list: [10, 11, 12, 13, 14, 15]}, sleep: {list: [\(sleeps.reversed().joined(separator: ","))]}}}
              c: {kind: stage, needs: {stage: b, per_item: true}, parameters: {x: {list: [20, 21, 22, 23, 24, 25]}, upstream: "${b.results.value}"}}
            """, job)
        let p = try run(store, job)
        XCTAssertEqual(p.completed, 18)
        let t = try timeline(store)
        let lastA = (0..<6).map { t["a\($0)"]!.end }.max()!
        for i in 0..<6 {
            XCTAssertEqual(t["c\(i)"]!.status, "COMPLETED")
            XCTAssertGreaterThanOrEqual(t["b\(i)"]!.start, lastA, "b\(i) started before stage a finished")
            XCTAssertGreaterThanOrEqual(t["c\(i)"]!.start, t["b\(i)"]!.end, "c\(i) started before b\(i) finished")
        }
        // Per-item references resolve to job i's own upstream value.
        let upstream = job.ran.compactMap { p -> (Double, ParameterValue)? in
            guard let u = p["upstream"] else { return nil }
            return (p["x"]!.doubleValue!, u)
        }
        XCTAssertEqual(upstream.count, 6)
        for (x, u) in upstream { XCTAssertEqual(u, .number(x - 10), "c job \(x) got b's value \(u) (a whole-string reference keeps its type)") }
    }

    func testPerItemLetsALaterItemRunWhileAnEarlierUpstreamItemRuns() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        try submit(store, """
            stages:
              a: {kind: stage, parameters: {x: {list: [0, 1]}, sleep: {list: [0.8, 0]}}}
              b: {kind: stage, needs: {stage: a, per_item: true}, parameters: {x: {list: [10, 11]}}}
            """, job)
        XCTAssertEqual(try run(store, job).completed, 4)
        let t = try timeline(store)
        XCTAssertLessThan(t["b1"]!.end, t["a0"]!.end, "b1 waited for a0 although it needs only a1")
        XCTAssertGreaterThanOrEqual(t["b0"]!.start, t["a0"]!.end)
    }

    func testFanInReceivesEveryUpstreamOutputAndResultOnce() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        try submit(store, """
            stages:
              many: {kind: stage, parameters: {x: {sweep: {start: 1, stop: 40, num: 40}}}}
              gather: {kind: stage, needs: [many], inputs: {items: "${many.results.value}", files: "${many.outputs.out}"}}
            """, job)
        XCTAssertEqual(try run(store, job).completed, 41)
        let gather = job.ran.filter { $0["items"] != nil }
        XCTAssertEqual(gather.count, 1)
        guard case .list(let items)? = gather[0]["items"], case .list(let files)? = gather[0]["files"] else {
            return XCTFail("fan-in parameters are not lists")
        }
        XCTAssertEqual(items.map { $0.doubleValue! }, (1...40).map(Double.init))
        XCTAssertEqual(Set(files.map(\.description)).count, 40)
        for (i, f) in files.enumerated() {
            XCTAssertEqual(try String(contentsOfFile: f.description, encoding: .utf8), "\(Double(i + 1))\n")
        }
        let result = try store.results().first { $0.result.values["count"] != nil }
        XCTAssertEqual(result?.result.values["count"], .number(40))
    }

    func testParameterAndPatternReferencesOneJobBarriersAndRepeatedPerItemStages() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        try submit(store, """
            stages:
              one: {kind: stage, parameters: {x: 7}}
              many: {kind: stage, needs: [one], parameters: {x: {list: [1, 2, 3]}}, inputs: {upstream: "${one.results.value}"}}
              each: {kind: stage, needs: {stage: many, per_item: true}, inputs: {file: "${many.outputs.*.txt}", upstream: "x=${many.parameters.x}"}}
              all: {kind: stage, needs: [many], inputs: {items: "${many.parameters.x}", files: "${many.outputs.o*.txt}"}}
            """, job)
        XCTAssertEqual(try run(store, job).completed, 1 + 3 + 3 + 1)
        // A barrier on a one-job stage passes the value itself (not a list of one).
        XCTAssertEqual(job.ran.filter { $0["x"] != nil && $0["file"] == nil && $0["items"] == nil && $0["upstream"] != nil }
                        .map { $0["upstream"]! }, [.number(7), .number(7), .number(7)])
        // A one-job stage with a per-item need runs once per upstream item, with that item's values.
        let each = job.ran.filter { $0["file"] != nil }
        XCTAssertEqual(Set(each.map { $0["upstream"]! }), [.string("x=1"), .string("x=2"), .string("x=3")])
        // A pattern with one match is that path; with several, the list of them (barrier: of every job's).
        XCTAssertTrue(each.allSatisfy { if case .string(let f)? = $0["file"] { return f.hasSuffix("/out.txt") } else { return false } }, "\(each)")
        let all = try XCTUnwrap(job.ran.first { $0["items"] != nil })
        XCTAssertEqual(all["items"], .list([.number(1), .number(2), .number(3)]))
        XCTAssertEqual(all["files"]?.elements.count, 3)
    }

    func testAListParameterAcceptsASingleValueAndAScalarOneRejectsALongerList() {
        let list = ParameterDeclaration("f", .list(of: .number()), help: "")
        XCTAssertNil(list.problem(with: .number(2)))
        XCTAssertNil(list.problem(with: .list([.number(1), .number(2)])))
        XCTAssertEqual(list.problem(with: .list([.number(1), .string("a")])), "element 1 must be a finite number, got 'a'")
        XCTAssertEqual(ParameterDeclaration("g", .number(), help: "").problem(with: .list([.number(1), .number(2)])),
                       "must be a single value, got a list of 2")
    }

    func testAFailureSkipsItsDependentsAndRetryCompletesTheWorkflow() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        job.failing = true
        let id = try submit(store, """
            stages:
              a: {kind: stage, parameters: {x: {list: [0, 1, 2]}, fail_while_flag: {list: [0, 1, 0]}}}
              b: {kind: stage, needs: {stage: a, per_item: true}, parameters: {x: {list: [10, 11, 12]}}}
              c: {kind: stage, needs: [b], inputs: {items: "${b.results.value}"}}
              d: {kind: stage, parameters: {x: 99}}
            """, job)
        let p = try run(store, job)
        XCTAssertEqual(p.failed, 1)
        var t = try timeline(store)
        XCTAssertEqual(t["a1"]!.status, "FAILED")
        XCTAssertEqual([t["b0"]!.status, t["b1"]!.status, t["b2"]!.status], ["COMPLETED", "SKIPPED", "COMPLETED"])
        XCTAssertEqual(t["c0"]!.status, "SKIPPED")
        XCTAssertEqual(t["d0"]!.status, "COMPLETED")
        let skipped = try store.jobs(status: .skipped)
        XCTAssertTrue(skipped.contains { $0.error?.contains("needs stage a: its job") == true }, "\(skipped)")
        let summary = try XCTUnwrap(store.workflows(id: id).first)
        XCTAssertEqual(summary.status, .partiallyFailed)
        XCTAssertEqual(summary.stages.map(\.stage), ["a", "b", "c", "d"], "dependency order, ties by name")

        job.failing = false
        XCTAssertEqual(try store.retry(workflow: id), 1)   // a1 requeued; b1 and c0 wait again
        let again = try run(store, job)
        XCTAssertEqual(again.completed, 3)
        t = try timeline(store)
        XCTAssertTrue(t.values.allSatisfy { $0.status == "COMPLETED" }, "\(t)")
        XCTAssertEqual(try store.workflows(id: id).first?.status, .completed)
        XCTAssertEqual(try store.results().count, 3 + 3 + 1 + 1)
    }

    func testCancelSkipsNothingButCancelsWaitingJobs() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        let id = try submit(store, """
            stages:
              a: {kind: stage, parameters: {x: {list: [0, 1]}}}
              b: {kind: stage, needs: [a], parameters: {x: 1}}
            """, job)
        XCTAssertEqual(try store.cancel(workflow: id), 3)
        XCTAssertEqual(try run(store, job).completed, 0)
        XCTAssertEqual(try store.workflows(id: id).first?.status, .cancelled)
    }

    func testBadWorkflowsAreRejectedWithTheStageAndKeyAndNothingIsStored() throws {
        let store = try TestJobs.store(), job = WorkflowStageJob()
        let cases: [(String, String)] = [
            ("stages:\n  a: {kind: stage, needs: [zz]}", "stages.a.needs: unknown stage 'zz'"),
            ("stages:\n  a: {kind: stage, needs: [b]}\n  b: {kind: stage, needs: [a]}", "dependency cycle: a → b → a"),
            ("stages:\n  a: {kind: stage, needs: [a]}", "stages.a.needs: a stage cannot need itself"),
            ("stages:\n  a: {kind: stage, parameters: {x: {list: [1, 2]}}}\n  b: {kind: stage, needs: {stage: a, per_item: true}, parameters: {x: {list: [1, 2, 3]}}}",
             "stages.b.needs: per-item dependency on 'a' needs the same number of jobs (b: 3, a: 2)"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage, needs: [a], inputs: {file: '${a.outputs.nope}'}}",
             "stages.b.inputs.file: stage 'a' (kind stage) produces no output 'nope'"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage, needs: [a], inputs: {upstream: '${a.results.nope}'}}",
             "stages.b.inputs.upstream: stage 'a' (kind stage) produces no result 'nope'"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage}\n  c: {kind: stage, needs: [a], inputs: {upstream: '${b.results.value}'}}",
             "stages.c.inputs.upstream: ${b.results.value} refers to stage 'b', which 'c' does not need"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage, needs: [a], inputs: {upstream: '${a.result.value}'}}",
             "stages.b.inputs.upstream: '${a.result.value}' is not a reference"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage, needs: [a], inputs: {nope: '${a.outputs}'}}",
             "stages.b.inputs.nope: is not a parameter of this kind"),
            ("stages:\n  a: {kind: stage, parameters: {x: abc}}", "stages.a.parameters.x: must be a finite number"),
            ("stages:\n  a: {kind: nokind}", "unknown job kind 'nokind'"),
            ("stages:\n  a: {kind: stage, needs: [{stage: a2, per_item: 1, extra: 2}]}", "stages.a.needs[0].extra: unknown key"),
            ("stages: {}", "stages: must name at least one stage"),
            ("stages:\n  a: {kind: stage}\n  b: {kind: stage, needs: [a], inputs: {upstream: '${a.parameters.zz}'}}",
             "stages.b.inputs.upstream: stage 'a' gives no parameter 'zz'"),
        ]
        for (yaml, expected) in cases {
            XCTAssertThrowsError(try submit(store, yaml, job), yaml) { error in
                let text = "\(error)"
                XCTAssertTrue(text.contains(expected), "\(yaml)\n→ \(text)\nexpected: \(expected)")
                XCTAssertFalse(text.contains("\n"), text)
            }
        }
        XCTAssertEqual(try store.workflows().count, 0)
        XCTAssertEqual(try store.batches().count, 0)
    }

    func testAReferenceThatCannotBeResolvedFailsTheJobAndSkipsItsDependents() throws {
        final class Quiet: JobRunner, @unchecked Sendable {
            let kind = "quiet"
            let schema = ParameterSchema([])
            let products = KindProducts(outputs: ["out"], results: ["value"])   // declared, never produced
            func run(parameters: JobParameters, context: JobContext) throws -> JobResult { JobResult() }
        }
        let store = try TestJobs.store(), job = WorkflowStageJob()
        let yaml = """
            stages:
              a: {kind: quiet}
              b: {kind: stage, needs: [a], inputs: {upstream: "${a.results.value}"}}
              c: {kind: stage, needs: [b]}
            """
        let registry = JobRegistry([job, Quiet()])
        try store.submit(try WorkflowSpec.parse(yaml), text: yaml, registry: registry)
        let p = try BatchWorkerPool(store: store, registry: registry, configuration: TestJobs.config()).run()
        XCTAssertEqual(p.completed, 1)
        let t = try timeline(store)
        XCTAssertEqual(t["b0"]!.status, "FAILED")
        XCTAssertEqual(t["c0"]!.status, "SKIPPED")
        XCTAssertTrue(try store.jobs(status: .failed)[0].error!.contains("job 0 of stage a has no result 'value'"))
    }
}
