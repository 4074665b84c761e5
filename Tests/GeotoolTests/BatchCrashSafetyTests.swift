import GeoSupport
import Foundation
import Grid
import TestSupport
import XCTest

/// kill -9 of a real `geotool batch run` at seeded random moments, then resume: every job is
/// COMPLETED exactly once, one result per job, every output file valid.
final class BatchCrashSafetyTests: XCTestCase {
    func testKill9AtRandomMomentsThenResumeFinishesEveryJobOnce() throws {
        let dir = try TestSupport.temporaryDirectory("batch-kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = "\(dir)/run", specPath = "\(dir)/spec.yaml"
        try """
            kind: synthetic
            parameters:
              x: {sweep: {start: 1, stop: 1000, step: 1}}
              sleep: 0.002
              write_output: 1
            """.write(toFile: specPath, atomically: true, encoding: .utf8)
        XCTAssertEqual(try TestSupport.geotool(["batch", "submit", specPath, "--run-dir", run]).status, 0)

        var rng = SplitMix64(seed: 2024)
        var kills = 0
        var startDelays: [Double] = []
        while kills < 12 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
            p.arguments = ["batch", "run", run, "--jobs", "2", "--no-progress"]
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            let before = outputCount(run), launched = Date()
            try p.run()
            // Wait until this run has produced work (resume latency), then kill at a random moment.
            while p.isRunning && outputCount(run) <= before && Date().timeIntervalSince(launched) < 30 {
                Thread.sleep(forTimeInterval: 0.005)
            }
            startDelays.append(Date().timeIntervalSince(launched))
            Thread.sleep(forTimeInterval: 0.3 * rng.unit())
            guard p.isRunning else { break }                          // finished early: the batch is done
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()                                          // reaped, so its pid is seen dead
            XCTAssertEqual(p.terminationReason, .uncaughtSignal)
            kills += 1
        }
        XCTAssertGreaterThanOrEqual(kills, 10, "the batch finished before 10 kills; make jobs slower")
        XCTAssertLessThan(try completed(run), 1000, "killed mid-batch")

        let resumed = Date()
        let last = try TestSupport.geotool(["batch", "run", run, "--jobs", "2", "--no-progress"])
        XCTAssertEqual(last.status, 0, last.stderr)
        XCTAssertTrue(last.stderr.contains("batch run: "), last.stderr)
        let status = try TestSupport.geotool(["batch", "status", run, "--json"])
        let summary = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])?.first)
        XCTAssertEqual(summary["status"] as? String, "COMPLETED")
        XCTAssertEqual(summary["counts"] as? [String: Int], ["COMPLETED": 1000])

        let csv = try TestSupport.geotool(["batch", "results", run]).stdout
        let lines = csv.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let x = try XCTUnwrap(lines.first?.firstIndex(of: "x"))
        let rows = lines.dropFirst()
        XCTAssertEqual(rows.count, 1000, "one result per job")
        XCTAssertEqual(Set(rows.map { $0[0] }).count, 1000, "no duplicate job ids")
        XCTAssertEqual(Set(rows.map { $0[x] }), Set((1...1000).map(String.init)), "every x once")
        for row in rows {
            let (id, output) = (row[0], row[row.count - 1])
            let text = try String(contentsOfFile: output, encoding: .utf8)
            XCTAssertEqual(text, "job \(id) value \(row[x])\n", output)
        }
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: "\(run)/outputs").filter { $0.contains(".tmp-") }
        XCTAssertEqual(leftovers, [], "no temporary files left behind")
        print("kill -9 test: \(kills) kills; first output after (re)start: max \(String(format: "%.2f", startDelays.max() ?? 0)) s, median \(String(format: "%.2f", startDelays.sorted()[startDelays.count / 2])) s; final resume took \(String(format: "%.2f", Date().timeIntervalSince(resumed))) s")
    }

    private func completed(_ run: String) throws -> Int {
        let r = try TestSupport.geotool(["batch", "status", run, "--json"])
        let s = (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first
        return (s?["counts"] as? [String: Int])?["COMPLETED"] ?? 0
    }

    /// Jobs that have written output so far (cheap progress probe: one directory per job).
    private func outputCount(_ run: String) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "\(run)/outputs").count) ?? 0
    }

}
