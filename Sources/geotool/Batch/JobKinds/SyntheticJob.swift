import Batch
import Foundation

/// `synthetic`: a deterministic test job. Value `value` = sum of its numeric parameters (cues and
/// `seed` excluded), `square` = value², `attempt`. Cues:
/// - `sleep: S` sleeps S seconds (noticing cancellation every 10 ms);
/// - `fail: 1` always fails; `fail_attempts: N` fails attempts 1…N, then succeeds;
/// - `crash: 1` aborts the process (isolated under process isolation);
/// - `write_output: 1` writes `result.txt` ("job <id> value <value>") atomically.
struct SyntheticJob: JobRunner {
    let kind = "synthetic"
    static let cues: Set<String> = ["sleep", "fail", "fail_attempts", "crash", "write_output", "seed"]

    func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
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
        var outputs: [String] = []
        if p["write_output"]?.doubleValue == 1 {
            outputs.append(try context.writeOutput("result.txt") { tmp in
                try "job \(context.jobID) value \(ParameterValue.number(value))\n".write(toFile: tmp, atomically: false, encoding: .utf8)
            })
        }
        return JobResult(values: ["value": .number(value), "square": .number(value * value),
                                  "attempt": .number(Double(context.attempt))], outputs: outputs)
    }
}
