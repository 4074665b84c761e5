import Foundation
import Batch
import GeoSupport
import TestSupport
import XCTest

/// `geotool batch submit --slurm` and `workflow submit --slurm` on a real single-node SLURM cluster
/// (slurmctld + slurmd started by scripts/slurm-local.sh into a temporary directory, stopped at the end).
/// Each array task works its own shard store; a merge job per step folds them into RUN/batch.sqlite; the
/// results equal a local run.
final class BatchSlurmTests: XCTestCase {
    private var dir = ""
    private var cluster = ""
    private var env: [String: String] { ["SLURM_CONF": "\(cluster)/slurm.conf"] }

    /// Starts a cluster with `MaxArraySize` = `maxArraySize`.
    private func startCluster(maxArraySize: Int) throws {
        dir = try TestSupport.temporaryDirectory("batch-slurm")
        guard (try? TestSupport.which("slurmctld")) != nil, (try? TestSupport.which("sbatch")) != nil else {
            throw XCTSkip("slurm-wlm is not installed (scripts/slurm-local.sh install)")
        }
        cluster = "\(dir)/slurm"
        let start = try TestSupport.run("/bin/bash", [script, "start", cluster],
                                        environment: ["SLURM_LOCAL_MAX_ARRAY_SIZE": String(maxArraySize)])
        guard start.status == 0 else { throw XCTSkip("cannot start slurmctld/slurmd on this machine: \(start.stderr)") }
    }

    private var script: String { TestSupport.repoRoot.appendingPathComponent("scripts/slurm-local.sh").path }

    override func tearDown() {
        if !cluster.isEmpty { _ = try? TestSupport.run("/bin/bash", [script, "stop", cluster]) }
        if !dir.isEmpty { try? FileManager.default.removeItem(atPath: dir) }
        super.tearDown()
    }

    /// Polls `status --json` until nothing is RUNNING (or 120 s).
    private func waitUntilDone(_ run: String, command: String) throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        let deadline = Date(timeIntervalSinceNow: 120)
        repeat {
            Thread.sleep(forTimeInterval: 0.5)
            let st = try TestSupport.geotool([command, "status", run, "--json"])
            items = (try JSONSerialization.jsonObject(with: Data(st.stdout.utf8)) as? [[String: Any]]) ?? []
        } while items.contains(where: { $0["status"] as? String == "RUNNING" }) && Date() < deadline
        return items
    }

    private func sqlite(_ path: String, _ sql: String) throws -> String {
        let r = try TestSupport.run("/usr/bin/sqlite3", [path, sql])
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testFourTaskArrayWithOwnShardStoresThroughSbatch() throws {
        try startCluster(maxArraySize: 1001)
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
        XCTAssertTrue(submit.stdout.contains("slurm step batch-1: 4 array tasks in job(s) "), submit.stdout)
        let sbatch = try String(contentsOfFile: "\(run)/slurm/batch-1-0-batch-1-array-0.sbatch", encoding: .utf8)
        XCTAssertTrue(sbatch.contains("#SBATCH --array=0-3"), sbatch)
        XCTAssertTrue(sbatch.contains("SHARD='\(run)/shards/batch-1'/$((0 + SLURM_ARRAY_TASK_ID))"), sbatch)
        XCTAssertTrue(sbatch.contains("'batch' 'run' \"$SHARD\""), sbatch)

        let summary = try XCTUnwrap(try waitUntilDone(run, command: "batch").first)
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: "\(run)/slurm")) ?? []
        XCTAssertEqual(summary["status"] as? String, "COMPLETED", "logs: \(logs)")
        XCTAssertEqual(summary["counts"] as? [String: Int], ["COMPLETED": 80])
        XCTAssertNotNil(summary["slurm_job_id"] as? String)
        XCTAssertEqual(logs.filter { $0.contains("-task-") }.count, 4, "one log per array task")
        try assertOwnStores(run: run, step: "batch-1", tasks: 4, jobs: 80)

        // Same spec run locally in one process: identical results.
        let local = "\(dir)/local"
        XCTAssertEqual(try TestSupport.geotool(["batch", "submit", spec, "--run-dir", local]).status, 0)
        XCTAssertEqual(try TestSupport.geotool(["batch", "run", local, "--jobs", "2"]).status, 0)
        let agg = ["--aggregate", "mean,min,max", "--by", "y"]
        XCTAssertEqual(try TestSupport.geotool(["batch", "results", run] + agg).stdout,
                       try TestSupport.geotool(["batch", "results", local] + agg).stdout)
    }

    /// Each task's store is its own file, opened by one process (its `batch run`), and the tasks' jobs
    /// together are the step's jobs; the run's store was opened by no task.
    private func assertOwnStores(run: String, step: String, tasks: Int, jobs: Int) throws {
        var inodes = Set<UInt64>(), total = 0
        for k in 0..<tasks {
            let store = "\(run)/shards/\(step)/\(k)/batch.sqlite"
            let attributes = try FileManager.default.attributesOfItem(atPath: store)
            inodes.insert((attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0)
            XCTAssertEqual(try sqlite(store, "SELECT COUNT(*) FROM workers"), "1", "\(store) was opened by one worker process")
            total += Int(try sqlite(store, "SELECT COUNT(*) FROM jobs WHERE status = 'COMPLETED'")) ?? 0
            XCTAssertNotNil(ShardProgress.read(from: "\(run)/shards/\(step)/\(k)/progress.json")?.finished)
        }
        XCTAssertEqual(inodes.count, tasks, "every task has a store file of its own")
        XCTAssertEqual(total, jobs)
        XCTAssertEqual(try sqlite("\(run)/batch.sqlite", "SELECT COUNT(*) FROM workers"), "0", "no task opened the run's store")
    }

    func testThreeStageWorkflowOnSlurmEqualsTheLocalRunAndArraysSplitAtMaxArraySize() throws {
        try startCluster(maxArraySize: 3)
        let file = "\(dir)/chain.yaml"
        try """
            name: chain
            stages:
              a: {kind: synthetic, parameters: {x: {sweep: {start: 1, stop: 8, step: 1}}, write_output: 1}}
              b: {kind: synthetic, needs: {stage: a, per_item: true}, parameters: {y: {sweep: {start: 11, stop: 18, step: 1}}, up: "${a.results.value}", write_output: 1}}
              c: {kind: synthetic, needs: [b], inputs: {files: "${b.outputs.result}"}}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let run = "\(dir)/run"
        let submit = try TestSupport.run(TestSupport.geotoolBinary,
                                         ["workflow", "submit", file, "--run-dir", run, "--slurm", "--array", "4"],
                                         environment: env)
        XCTAssertEqual(submit.status, 0, submit.stderr)
        // MaxArraySize 3: each 4-task step is two arrays (tasks 0–2, then 3 with offset 3).
        XCTAssertTrue(submit.stdout.range(of: #"slurm step a: 4 array tasks in job\(s\) \d+, \d+, merge job \d+"#,
                                          options: .regularExpression) != nil, submit.stdout)
        XCTAssertTrue(submit.stdout.contains("slurm step c: 1 array tasks"), submit.stdout)
        let second = try String(contentsOfFile: "\(run)/slurm/workflow-1-0-a-array-1.sbatch", encoding: .utf8)
        XCTAssertTrue(second.contains("#SBATCH --array=0-0"), second)
        XCTAssertTrue(second.contains("$((3 + SLURM_ARRAY_TASK_ID))"), second)

        let workflow = try XCTUnwrap(try waitUntilDone(run, command: "workflow").first)
        let logs = (try? FileManager.default.contentsOfDirectory(atPath: "\(run)/slurm")) ?? []
        XCTAssertEqual(workflow["status"] as? String, "COMPLETED", "logs: \(logs)")
        try assertOwnStores(run: run, step: "a", tasks: 4, jobs: 8)
        try assertOwnStores(run: run, step: "b", tasks: 4, jobs: 8)

        let local = "\(dir)/local"
        XCTAssertEqual(try TestSupport.geotool(["workflow", "submit", file, "--run-dir", local]).status, 0)
        XCTAssertEqual(try TestSupport.geotool(["workflow", "run", local, "--jobs", "2"]).status, 0)
        let columns = { (run: String) throws -> [[String]] in
            let t = try CSVTable(text: try TestSupport.geotool(["batch", "results", run]).stdout)
            let keep = ["x", "y", "up", "value", "file_count"].map { t.header.firstIndex(of: $0)! }
            return t.rows.map { row in keep.map { row[$0] } }
        }
        XCTAssertEqual(try columns(run), try columns(local))
        XCTAssertTrue(try columns(run).contains { $0[4] == "8" }, "the fan-in saw every b output")
    }
}
