import Batch
import GeoSupport
import Foundation

/// `synthetic`: a deterministic test job. Value `value` = sum of its numeric parameters (cues and
/// `seed` excluded), `square` = value², `attempt`. Cues:
/// - `sleep: S` sleeps S seconds (noticing cancellation every 10 ms);
/// - `fail: 1` always fails; `fail_attempts: N` fails attempts 1…N, then succeeds;
/// - `crash: 1` aborts the process (isolated under process isolation);
/// - `write_output: 1` writes `result.txt` ("job <id> value <value>") atomically;
/// - `require_file: PATH` fails while PATH does not exist;
/// - `files: [paths]` (a workflow fan-in) fails unless every file exists; result `file_count` is their number.
/// Any other parameter must be a number (the schema accepts undeclared numbers only).
public struct SyntheticJob: JobRunner {
    public let kind = "synthetic"
    static let cues: Set<String> = ["sleep", "fail", "fail_attempts", "crash", "write_output", "seed", "files", "require_file"]
    public let schema = ParameterSchema([
        ParameterDeclaration("sleep", .number(0...86_400), help: "seconds to sleep (cancellable)"),
        ParameterDeclaration("fail", .flag, help: "1: always fail"),
        ParameterDeclaration("fail_attempts", .integer(0...1_000), help: "fail attempts 1…N, then succeed"),
        ParameterDeclaration("crash", .flag, help: "1: abort the process"),
        ParameterDeclaration("write_output", .flag, help: "1: write result.txt"),
        ParameterDeclaration("require_file", .inputFile, help: "fail while this file does not exist"),
        ParameterDeclaration("files", .list(of: .inputFile), help: "files that must exist (a workflow fan-in); result `file_count` counts them"),
    ], acceptsOtherNumbers: true)
    public let products = KindProducts(outputs: ["result"], results: ["value", "square", "attempt", "file_count"])

    /// The kind, stateless.
    public init() {}

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        if let s = p["sleep"]?.doubleValue, s > 0 {
            let end = Date(timeIntervalSinceNow: s)
            while Date() < end {
                try context.checkCancelled()
                Thread.sleep(forTimeInterval: min(0.01, max(0, end.timeIntervalSinceNow)))
            }
        }
        if p["crash"]?.doubleValue == 1 { abort() }
        if p["fail"]?.doubleValue == 1 {
            throw BatchError.childProcess("synthetic failure (fail: 1)")
        }
        if let n = p["fail_attempts"]?.doubleValue, Double(context.attempt) <= n {
            throw BatchError.childProcess("synthetic failure on attempt \(context.attempt) of fail_attempts \(Int(n))")
        }
        let value = p.filter { !Self.cues.contains($0.key) }.compactMap { $0.value.doubleValue }.reduce(0, +)
        var values: [String: ParameterValue] = ["value": .number(value), "square": .number(value * value),
                                                "attempt": .number(Double(context.attempt))]
        if case .string(let path)? = p["require_file"], !FileManager.default.fileExists(atPath: path) {
            throw BatchError.childProcess("require_file: \(path) does not exist")
        }
        if let files = p["files"]?.elements {
            for f in files where !FileManager.default.fileExists(atPath: f.description) {
                throw BatchError.childProcess("files: \(f) does not exist")
            }
            values["file_count"] = .number(Double(files.count))
        }
        var outputs: [String] = []
        if p["write_output"]?.doubleValue == 1 {
            outputs.append(try context.writeOutput("result.txt") { tmp in
                try "job \(context.jobID) value \(ParameterValue.number(value))\n".write(toFile: tmp, atomically: false, encoding: .utf8)
            })
        }
        return JobResult(values: values, outputs: outputs)
    }
}
