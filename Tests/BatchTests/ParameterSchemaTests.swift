import GeoSupport
import Foundation
import GRDB
import TestSupport
import XCTest
@testable import Batch

/// Job parameters are typed data: checked against the kind's schema at submit and again before a job
/// runs; unknown keys, ill-typed values and output names that are paths never reach `run`.
final class ParameterSchemaTests: XCTestCase {
    /// A kind with a strict schema that records whether `run` was ever called.
    final class StrictJob: JobRunner, @unchecked Sendable {
        let kind = "strict"
        let schema = ParameterSchema([
            ParameterDeclaration("x", .number(0...10), required: true, help: "a number"),
            ParameterDeclaration("n", .integer(1...5), help: "an integer"),
            ParameterDeclaration("mode", .choice(["a", "b"]), help: "a word"),
            ParameterDeclaration("on", .flag, help: "a flag"),
            ParameterDeclaration("input", .inputFile, help: "a file"),
            ParameterDeclaration("output", .outputFileName(suffix: ".txt"), help: "a file name"),
            ParameterDeclaration("rho_", .number(), numbered: true, help: "a family"),
        ])
        private let lock = NSLock()
        private var calls = 0
        var runs: Int { lock.withLock { calls } }

        func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
            lock.withLock { calls += 1 }
            let file = try context.writeOutput(p["output"]?.description ?? "out.txt") { try "x".write(toFile: $0, atomically: false, encoding: .utf8) }
            return JobResult(outputs: [file])
        }
    }

    private func problem(_ p: JobParameters) -> String? {
        do { try StrictJob().check(p); return nil } catch { return "\(error)" }
    }

    func testEveryTypeAcceptsItsValuesAndRejectsOthers() {
        XCTAssertNil(problem(["x": 1, "n": 3, "mode": "b", "on": "true", "input": "a/b.tif", "output": "r.txt",
                              "rho_1": 1, "rho_2": 2, "seed": 7]))
        let bad: [(JobParameters, String)] = [
            ([:], "parameters.x: is required"),
            (["x": 11], "parameters.x: must be within 0…10"),
            (["x": .number(.nan)], "parameters.x: must be a finite number"),
            (["x": .number(.infinity)], "parameters.x: must be a finite number"),
            (["x": "1e400"], "parameters.x: must be a finite number"),
            (["x": 1, "n": 2.5], "parameters.n: must be an integer"),
            (["x": 1, "n": 1e300], "parameters.n: must be an integer"),
            (["x": 1, "mode": "c"], "parameters.mode: must be one of a, b"),
            (["x": 1, "on": "maybe"], "parameters.on: must be true or false"),
            (["x": 1, "input": 3], "parameters.input: must be a file path"),
            (["x": 1, "input": "a\0b"], "parameters.input: must be a file path"),
            (["x": 1, "output": "../r.txt"], "parameters.output: must be a plain file name"),
            (["x": 1, "output": "/tmp/r.txt"], "parameters.output: must be a plain file name"),
            (["x": 1, "output": ".r.txt"], "parameters.output: must be a plain file name"),
            (["x": 1, "output": "r.png"], "parameters.output: must be a file name ending in .txt"),
            (["x": 1, "output=/tmp/r.txt": 1], "parameters.output=/tmp/r.txt: is not a parameter of this kind"),
            (["x": 1, "rho_0": 1], "parameters.rho_0: is not a parameter"),
            (["x": 1, "rho_01": 1], "parameters.rho_01: is not a parameter"),
            (["x": 1, "seed": 0.5], "parameters.seed: must be an integer"),
        ]
        for (p, expected) in bad {
            let message = problem(p)
            XCTAssertTrue(message?.hasPrefix(expected) == true, "\(p): \(message ?? "accepted")")
        }
    }

    func testUndeclaredKeysAreRejectedAtSubmitBeforeAnythingIsStored() throws {
        let store = try TestJobs.store()
        let spec = try BatchSpec.parse("kind: strict\ninputs: {x: 1, output=/tmp/pwned.txt: 1}\nparameters: {n: {list: [1, 2]}}")
        XCTAssertThrowsError(try store.submit(spec, specText: "", validate: StrictJob().check)) { error in
            XCTAssertEqual("\(error)", "inputs.output=/tmp/pwned.txt: is not a parameter of this kind (known: x, n, mode, on, input, output, rho_N)")
        }
        XCTAssertEqual(try store.batches().count, 0)
        XCTAssertThrowsError(try store.submit(try BatchSpec.parse("kind: strict\nparameters: {x: {list: [1, 20]}}"),
                                              specText: "", validate: StrictJob().check)) { error in
            XCTAssertEqual("\(error)", "parameters.x: must be within 0…10, got 20 (job 1)")
        }
        XCTAssertEqual(try store.batches().count, 0, "one bad job stores nothing")
    }

    func testATamperedStoreNeverRunsWhatTheSchemaRefuses() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: strict\nparameters: {x: {list: [1, 2]}}")
        let outside = try TestSupport.temporaryDirectory("tamper-target")
        let target = outside + "/pwned.txt"
        try store.transaction { db in
            try db.execute(sql: "UPDATE jobs SET parameters = ? WHERE seq = 0", arguments: [#"{"x":1,"output":"\#(target)"}"#])
            try db.execute(sql: "UPDATE jobs SET parameters = ? WHERE seq = 1", arguments: [#"{"x":1,"output=x":"y"}"#])
        }
        let job = StrictJob()
        try BatchWorkerPool(store: store, registry: JobRegistry([job]), configuration: TestJobs.config()).run()
        let jobs = try store.jobs()
        XCTAssertEqual(jobs.map(\.status), [.failed, .failed])
        XCTAssertTrue(jobs[0].error?.contains("parameters.output: must be a plain file name") == true, jobs[0].error ?? "")
        XCTAssertEqual(job.runs, 0, "run() is never called with parameters the schema refuses")
        XCTAssertFalse(FileManager.default.fileExists(atPath: target))
    }

    func testWriteOutputStaysInTheJobDirectory() throws {
        let dir = try TestSupport.temporaryDirectory("write-output")
        let outside = try TestSupport.temporaryDirectory("write-output-outside")
        let context = JobContext(jobID: 1, batchID: 1, attempt: 1, workerID: "w", outputDirectory: dir + "/outputs/1")
        for name in ["../x.txt", "/tmp/x.txt", "a/b.txt", "", ".", "..", ".hidden"] {
            XCTAssertThrowsError(try context.writeOutput(name) { _ in XCTFail("body ran for \(name)") }, name)
        }
        try FileManager.default.createDirectory(atPath: dir + "/outputs/1", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/outputs/1/link.txt", withDestinationPath: outside + "/x.txt")
        XCTAssertThrowsError(try context.writeOutput("link.txt") { try "x".write(toFile: $0, atomically: false, encoding: .utf8) })
        XCTAssertFalse(FileManager.default.fileExists(atPath: outside + "/x.txt"))
        XCTAssertEqual(try context.writeOutput("ok.txt") { try "x".write(toFile: $0, atomically: false, encoding: .utf8) },
                       dir + "/outputs/1/ok.txt")
    }

    func testCountingNeverExpands() throws {
        let axis = "{sweep: {start: 0, stop: 1, num: 1000000}}"
        let spec = try BatchSpec.parse("kind: strict\nmax_jobs: 999999999999999\nparameters: {a: \(axis), b: \(axis)}")
        let started = Date()
        XCTAssertEqual(try spec.jobCount(), 1_000_000_000_000)
        XCTAssertThrowsError(try spec.jobCount(limit: 100_000)) { error in
            XCTAssertEqual("\(error)", "max_jobs: the spec expands to 1000000000000 jobs, more than the limit of 100000 jobs per batch")
        }
        XCTAssertThrowsError(try BatchSpec.parse("kind: strict\nmax_jobs: 999999999999999\nseeds_per_combination: 999999999999\nparameters: {a: \(axis), b: \(axis)}")) {
            XCTAssertEqual("\($0)", "max_jobs: the spec expands to more than \(Int.max) jobs, more than max_jobs (999999999999999); raise max_jobs to allow")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.5)
    }

    func testStreamedExpansionEqualsTheListedOne() throws {
        let spec = try BatchSpec.parse("""
            kind: strict
            parameters:
              a: {grid: [1, 2, 3]}
              b: {sweep: {start: 1, stop: 1000, num: 4, scale: log}}
              c: {sweep: {start: 0, stop: 1, step: 0.25}}
              s: {list: [p, q]}
              k: {monte_carlo: {distribution: uniform, low: 0, high: 1}}
            monte_carlo: {n: 3, seed: 5}
            seeds_per_combination: 2
            """)
        var streamed: [JobParameters] = []
        try spec.forEachJob { streamed.append($0) }
        XCTAssertEqual(streamed.count, 2 * 3 * 4 * 5 * 3 * 2)
        XCTAssertEqual(streamed, try spec.expand())
        // Axis values are those of the sweep's own list; the last axis (by name) varies fastest.
        XCTAssertEqual(streamed.prefix(6).map { $0["c"] }, Array(repeating: ParameterValue.number(0), count: 6))
        XCTAssertEqual(Set(streamed.map { $0["b"]! }), Set([1, 10, 100, 1000].map(ParameterValue.number)))
        XCTAssertEqual(Sweep.range(start: 0, stop: 1, step: 0.25).values, [0, 0.25, 0.5, 0.75, 1])
    }
}

/// `batch cancel` of a running thread-mode job: whatever the job does, it commits no output afterwards.
final class CancelledOutputTests: XCTestCase {
    final class StubbornJob: JobRunner, @unchecked Sendable {
        let kind = "stubborn"
        let schema = ParameterSchema([], acceptsOtherNumbers: true)
        func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
            Thread.sleep(forTimeInterval: 0.6)     // never looks at context.isCancelled
            let file = try context.writeOutput("late.txt") { try "late".write(toFile: $0, atomically: false, encoding: .utf8) }
            return JobResult(outputs: [file])
        }
    }

    func testACancelledJobLeavesNoOutput() throws {
        let store = try TestJobs.store()
        try TestJobs.submit(store, "kind: stubborn\nparameters: {x: {list: [1]}}")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { _ = try? store.cancel() }
        let p = try BatchWorkerPool(store: store, registry: JobRegistry([StubbornJob()]), configuration: TestJobs.config(workers: 1)).run()
        XCTAssertEqual(p.completed, 0)
        XCTAssertEqual(try store.jobs().map(\.status), [.cancelled])
        let outputs = store.runDirectory + "/outputs/\(try store.jobs()[0].id)"
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: outputs)) ?? [], [], "no file, no temporary")
    }
}

/// A job never replaces a file it reads, e.g. a plot of a previous attempt's own PNG.
final class JobInputIsOutputTests: XCTestCase {
    final class CopyJob: JobRunner, @unchecked Sendable {
        let kind = "copy"
        let schema = ParameterSchema([ParameterDeclaration("input", .inputFile, required: true, help: "read"),
                                      ParameterDeclaration("output", .outputFileName(suffix: ".txt"), required: true, help: "written")])
        func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
            let text = try String(contentsOfFile: p["input"]!.description, encoding: .utf8)
            return JobResult(outputs: [try context.writeOutput(p["output"]!.description) { try (text + "!").write(toFile: $0, atomically: false, encoding: .utf8) }])
        }
    }

    func testAJobCannotReplaceItsOwnInput() throws {
        let store = try TestJobs.store()
        let own = store.runDirectory + "/outputs/1/a.txt"
        try FileManager.default.createDirectory(atPath: store.runDirectory + "/outputs/1", withIntermediateDirectories: true)
        try "original".write(toFile: own, atomically: true, encoding: .utf8)
        try TestJobs.submit(store, "kind: copy\nparameters: {input: {list: ['\(own)']}, output: a.txt}")
        try BatchWorkerPool(store: store, registry: JobRegistry([CopyJob()]), configuration: TestJobs.config(workers: 1)).run()
        let job = try XCTUnwrap(try store.jobs().first)
        XCTAssertEqual(job.id, 1)
        XCTAssertEqual(job.status, .failed)
        XCTAssertTrue(job.error?.contains("a.txt") == true, job.error ?? "")
        XCTAssertEqual(try String(contentsOfFile: own, encoding: .utf8), "original")
    }
}
