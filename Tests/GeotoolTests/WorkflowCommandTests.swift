import Foundation
import GeoSupport
import TestSupport
import XCTest

/// `geotool workflow submit/run/status/retry` end to end, and kill -9 of `workflow run` at seeded random
/// moments: every job runs to completion once, in dependency order, with what its upstream produced.
final class WorkflowCommandTests: XCTestCase {
    /// a (150 jobs) → b per item (b_i adds a_i's value) → c barrier (gathers all 150 outputs of b).
    private static let threeStages = """
        name: chain
        stages:
          a:
            kind: synthetic
            parameters: {x: {sweep: {start: 1, stop: 150, step: 1}}, sleep: 0.02, write_output: 1}
          b:
            kind: synthetic
            needs: {stage: a, per_item: true}
            parameters: {y: {sweep: {start: 1001, stop: 1150, step: 1}}, up: "${a.results.value}", sleep: 0.02, write_output: 1}
          c:
            kind: synthetic
            needs: [b]
            inputs: {files: "${b.outputs.result}", write_output: 1}
        """

    func testKill9AtRandomMomentsThenResumeRunsEveryJobOnceInOrder() throws {
        let dir = try TestSupport.temporaryDirectory("workflow-kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = "\(dir)/run", file = "\(dir)/chain.yaml"
        try Self.threeStages.write(toFile: file, atomically: true, encoding: .utf8)
        let submitted = try TestSupport.geotool(["workflow", "submit", file, "--run-dir", run])
        XCTAssertEqual(submitted.status, 0, submitted.stderr)
        XCTAssertTrue(submitted.stdout.contains("workflow 1 chain: a (150 synthetic), b (150 synthetic), c (1 synthetic)"), submitted.stdout)

        var rng = SplitMix64(seed: 77)
        var kills = 0
        while kills < 10 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
            p.arguments = ["workflow", "run", run, "--jobs", "2", "--no-progress"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: 0.15 + 0.35 * rng.unit())
            guard p.isRunning else { break }
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            kills += 1
        }
        XCTAssertGreaterThanOrEqual(kills, 10, "the workflow finished before 10 kills; make jobs slower")
        let last = try TestSupport.geotool(["workflow", "run", run, "--jobs", "2", "--no-progress"])
        XCTAssertEqual(last.status, 0, last.stderr)
        XCTAssertTrue(last.stderr.contains("workflow 1 chain: COMPLETED 100% of 301 jobs"), last.stderr)

        let status = try TestSupport.geotool(["workflow", "status", run, "--json"])
        let workflows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        let stages = try XCTUnwrap(workflows.first?["stages"] as? [[String: Any]])
        XCTAssertEqual(stages.map { $0["stage"] as? String }, ["a", "b", "c"])
        XCTAssertEqual(stages.map { ($0["batch"] as? [String: Any])?["counts"] as? [String: Int] },
                       [["COMPLETED": 150], ["COMPLETED": 150], ["COMPLETED": 1]])

        // One result per job; b_i = y_i + a_i's value; c saw every b output once.
        let csv = try TestSupport.geotool(["batch", "results", run]).stdout
        let table = try CSVTable(text: csv)
        let col = { (name: String) in table.header.firstIndex(of: name)! }
        let rows = table.rows
        XCTAssertEqual(rows.count, 301, "one result per job")
        XCTAssertEqual(Set(rows.map { $0[0] }).count, 301, "no duplicate job ids")
        let b = rows.filter { !$0[col("y")].isEmpty }
        XCTAssertEqual(b.count, 150)
        for row in b {
            let y = Double(row[col("y")])!, up = Double(row[col("up")])!, value = Double(row[col("value")])!
            XCTAssertEqual(up, y - 1000, "b job \(row[0]) got another item's upstream value")
            XCTAssertEqual(value, y + up)
        }
        let c = try XCTUnwrap(rows.first { $0[col("file_count")] == "150" }, "the fan-in saw 150 files")
        XCTAssertEqual(c[col("value")], "0")

        // Order: from the store, no b_i started before a_i finished, c after every b.
        let order = try TestSupport.run("/usr/bin/sqlite3", ["\(run)/batch.sqlite", """
            SELECT COUNT(*) FROM jobs jb JOIN jobs ja ON ja.batch_id = 1 AND jb.batch_id = 2 AND ja.seq = jb.seq
            WHERE jb.started_at < ja.finished_at;
            SELECT COUNT(*) FROM jobs jc, jobs jb WHERE jc.batch_id = 3 AND jb.batch_id = 2 AND jc.started_at < jb.finished_at;
            """])
        XCTAssertEqual(order.status, 0, order.stderr)
        XCTAssertEqual(order.stdout, "0\n0\n", "jobs started before what they need finished")
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: "\(run)/outputs").filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
    }

    func testFailureSkipsDependentsAndRetryFailedCompletes() throws {
        let dir = try TestSupport.temporaryDirectory("workflow-retry")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = "\(dir)/run", file = "\(dir)/w.yaml"
        // a1 fails while its required file is missing: b1 and c are skipped until `retry --failed`.
        let gate = "\(dir)/gate"
        try """
            stages:
              a: {kind: synthetic, parameters: {x: {list: [1, 2, 3]}, require_file: {list: [\(file), \(gate), \(file)]}}}
              b: {kind: synthetic, needs: {stage: a, per_item: true}, parameters: {x: {list: [1, 2, 3]}}}
              c: {kind: synthetic, needs: [b], parameters: {x: 1}}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try TestSupport.geotool(["workflow", "submit", file, "--run-dir", run]).status, 0)
        let first = try TestSupport.geotool(["workflow", "run", run, "--no-progress"])
        XCTAssertEqual(first.status, 2, first.stderr)
        let table = try TestSupport.geotool(["workflow", "status", run]).stdout
        XCTAssertTrue(table.contains("workflow 1 w: PARTIALLY_FAILED"), table)
        XCTAssertTrue(table.range(of: #"b\s+synthetic\s+a\[i\]\s+3\s+0\s+0\s+0\s+2\s+0\s+1\s+0"#, options: .regularExpression) != nil, table)
        XCTAssertTrue(table.range(of: #"c\s+synthetic\s+b\s+1\s+0\s+0\s+0\s+0\s+0\s+1\s+0"#, options: .regularExpression) != nil, table)
        let skipped = try TestSupport.geotool(["batch", "status", run, "--list-jobs", "--status", "SKIPPED"]).stdout
        XCTAssertTrue(skipped.contains("needs stage a: its job 2 is FAILED"), skipped)

        FileManager.default.createFile(atPath: gate, contents: Data())
        XCTAssertEqual(try TestSupport.geotool(["workflow", "retry", run, "--failed"]).stdout, "requeued 1 jobs\n")
        let second = try TestSupport.geotool(["workflow", "run", run, "--no-progress"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertTrue(second.stderr.contains("workflow 1 w: COMPLETED 100% of 7 jobs"), second.stderr)
    }

    /// The demo's two workflows (fixtures/workflows/) run to completion; the erosion workflow's fan-in table
    /// holds every scenario's parameters and results, row i = scenario job i.
    func testTheDemoWorkflowsComplete() throws {
        let dir = try TestSupport.temporaryDirectory("workflow-demo")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = "\(dir)/run", root = TestSupport.repoRoot.path
        for file in ["ecostress-validation", "erosion"] {
            let r = try TestSupport.geotool(["workflow", "submit", "fixtures/workflows/\(file).yaml", "--run-dir", run], cwd: root)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let ran = try TestSupport.geotool(["workflow", "run", run, "--jobs", "2", "--no-progress"], cwd: root)
        XCTAssertEqual(ran.status, 0, ran.stderr)
        XCTAssertTrue(ran.stderr.contains("workflow 1 ecostress-validation: COMPLETED 100% of 6 jobs"), ran.stderr)
        XCTAssertTrue(ran.stderr.contains("workflow 2 erosion: COMPLETED 100% of 16 jobs"), ran.stderr)
        let results = try CSVTable(text: try TestSupport.geotool(["batch", "results", run]).stdout)
        let col = { (name: String) in results.header.firstIndex(of: name)! }
        let scenarios = results.rows.filter { !$0[col("mean_t_ha_yr")].isEmpty }
        XCTAssertEqual(scenarios.count, 6)
        let tablePath = try XCTUnwrap(results.rows.first { $0[col("rows")] == "6" }?.last)
        let table = try CSVTable(path: tablePath)
        XCTAssertEqual(table.header, ["C", "P", "mean_t_ha_yr", "p95_t_ha_yr", "total_t_yr"])
        XCTAssertEqual(table.rows, scenarios.map { row in ["C", "P", "mean_t_ha_yr", "p95_t_ha_yr", "total_t_yr"].map { row[col($0)] } })
        let pngs = try FileManager.default.subpathsOfDirectory(atPath: "\(run)/outputs").filter { $0.hasSuffix(".png") }
        XCTAssertEqual(pngs.count, 2 + 6 + 1 + 1, "a plot per site, per scenario, the slope and the spread")
    }

    func testABadWorkflowIsOneLineNamingFileStageAndKeyAndStoresNothing() throws {
        let dir = try TestSupport.temporaryDirectory("workflow-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = "\(dir)/bad.yaml"
        try "stages:\n  a: {kind: synthetic}\n  b: {kind: synthetic, needs: [a], inputs: {files: '${a.outputs.nope}'}}\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let r = try TestSupport.geotool(["workflow", "submit", file, "--run-dir", "\(dir)/run"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("\(file): stages.b.inputs.files: stage 'a' (kind synthetic) produces no output 'nope'"), r.stderr)
        let status = try TestSupport.geotool(["workflow", "status", "\(dir)/run"])
        XCTAssertEqual(status.stdout, "", "nothing stored")
    }
}
