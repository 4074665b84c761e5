import Batch
import Foundation
import GeoSupport
import TestSupport
import XCTest

/// A scratch directory per test and a job context writing into it, for running stages as the batch engine does.
class StageTestCase: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("stages") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A context whose output directory is `dir/outputs/<id>`.
    func context(_ id: Int64 = 1) -> JobContext {
        JobContext(jobID: id, batchID: 1, attempt: 1, workerID: "test:0:w0", outputDirectory: "\(dir)/outputs/\(id)")
    }

    /// Checks `parameters` as the engine does at submit (schema, then the kind's own checks) and returns the
    /// one-line error, or nil when they are accepted.
    func submitError(_ runner: any JobRunner, _ parameters: JobParameters) -> String? {
        do { try runner.check(parameters); return nil } catch { return "\(error)" }
    }

    /// Runs `runner` on `parameters` after the submit check, with the engine's input files set.
    func run(_ runner: any JobRunner, _ parameters: JobParameters, id: Int64 = 1) throws -> JobResult {
        try runner.check(parameters)
        let c = context(id)
        c.inputFiles = runner.schema.inputFiles(in: parameters)
        return try runner.run(parameters: parameters, context: c)
    }
}
