import Foundation
import TestSupport
import XCTest

/// `geotool batch submit --slurm` on a real single-node SLURM cluster (slurmctld + slurmd started by
/// scripts/slurm-local.sh into a temporary directory, stopped at the end): a 4-task array runs the
/// shards, then `batch status` shows everything done and the results equal a local run.
final class BatchSlurmTests: XCTestCase {
    func testFourTaskArrayThroughSbatch() throws {
        let dir = try TestSupport.temporaryDirectory("batch-slurm")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = TestSupport.repoRoot.appendingPathComponent("scripts/slurm-local.sh").path
        guard (try? TestSupport.which("slurmctld")) != nil, (try? TestSupport.which("sbatch")) != nil else {
            throw XCTSkip("slurm-wlm is not installed (scripts/slurm-local.sh install)")
        }
        let cluster = "\(dir)/slurm"
        let start = try TestSupport.run("/bin/bash", [script, "start", cluster])
        defer { _ = try? TestSupport.run("/bin/bash", [script, "stop", cluster]) }
        guard start.status == 0 else {
            throw XCTSkip("cannot start slurmctld/slurmd on this machine: \(start.stderr)")
        }
        let env = ["SLURM_CONF": "\(cluster)/slurm.conf"]
        let spec = "\(dir)/spec.yaml"
        try """
            kind: synthetic
            parameters:
              x: {sweep: {start: 1, stop: 40, step: 1}}
              y: {grid: [0.5, 1.5]}
              write_output: 1
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        let run = "\(dir)/run"
        let submit = try TestSupport.run(TestSupport.geotoolBinary,
                                         ["batch", "submit", spec, "--run-dir", run, "--slurm", "--array", "4"],
                                         environment: env)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        XCTAssertTrue(submit.stdout.contains("4 array tasks"), submit.stdout)
        let sbatch = try String(contentsOfFile: "\(run)/slurm/batch-array.sbatch", encoding: .utf8)
        XCTAssertTrue(sbatch.contains("#SBATCH --array=0-3"), sbatch)
        XCTAssertTrue(sbatch.contains("--shard \"${SLURM_ARRAY_TASK_ID}/4\""), sbatch)

        var summary: [String: Any] = [:]
        let deadline = Date(timeIntervalSinceNow: 90)
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            let st = try TestSupport.geotool(["batch", "status", run, "--json"])
            summary = (try JSONSerialization.jsonObject(with: Data(st.stdout.utf8)) as? [[String: Any]])?.first ?? [:]
        } while summary["status"] as? String == "RUNNING" && Date() < deadline
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: "\(run)/slurm")) ?? []
        XCTAssertEqual(summary["status"] as? String, "COMPLETED", "task logs: \(logs)")
        XCTAssertEqual(summary["counts"] as? [String: Int], ["COMPLETED": 80])
        XCTAssertNotNil(summary["slurm_job_id"] as? String)
        XCTAssertEqual(logs.filter { $0.hasPrefix("task-") }.count, 4, "one log per array task")

        // Same spec run locally in one process: identical results.
        let local = "\(dir)/local"
        XCTAssertEqual(try TestSupport.geotool(["batch", "submit", spec, "--run-dir", local]).status, 0)
        XCTAssertEqual(try TestSupport.geotool(["batch", "run", local, "--jobs", "2"]).status, 0)
        let agg = ["--aggregate", "mean,min,max", "--by", "y"]
        XCTAssertEqual(try TestSupport.geotool(["batch", "results", run] + agg).stdout,
                       try TestSupport.geotool(["batch", "results", local] + agg).stdout)
    }
}
