import Foundation
import TestSupport
import XCTest

/// The durable writer under SIGKILL: the real `geotool tem1d run` (its output is assembled through
/// `DurableFile` while chunks go to `ChunkStore`) is killed at random moments while it writes an output
/// over an existing one, 50 times. After every kill the output is byte for byte the complete previous file
/// or the complete new one, never a mix or a truncation; at most one stray temporary exists at any time
/// (the one the last killed writer left: each run removes those of dead processes when it starts), and
/// after the next successful run nothing but the output remains.
final class DurableWriteTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("durable-write") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted() }

    /// Two model tables of `count` 3-layer models, `a.csv` and `b.csv`, whose outputs differ in every row.
    private func writeModels(_ count: Int) throws {
        for (name, shift) in [("a.csv", 0), ("b.csv", 1)] {
            var text = "rho_1,rho_2,rho_3,thk_1,thk_2\n"
            for i in 0..<count {
                text += "\(10 + (7 * i + shift) % 500),\(1 + (13 * i + shift) % 300),\(100 + 3 * i % 900),\(5 + i % 40),\(10 + i % 60)\n"
            }
            try text.write(toFile: "\(dir)/\(name)", atomically: true, encoding: .utf8)
        }
        try "loop_radius: 20\ntimes: {logspace: {start: 1.0e-5, stop: 1.0e-4, num: 6}}\n"
            .write(toFile: "\(dir)/system.yaml", atomically: true, encoding: .utf8)
    }

    private func arguments(_ models: String, out: String) -> [String] {
        ["tem1d", "run", "--models", "\(dir)/\(models)", "--system", "\(dir)/system.yaml", "--out", out,
         "--jobs", "1", "--chunk-size", "50"]
    }

    private func contents(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func testSIGKILLAtRandomMomentsLeavesThePreviousOrTheNewFileAndNoStrayTemporary() throws {
        try writeModels(2000)
        let out = "\(dir)/out.csv"
        // The complete outputs of both tables, and how long a whole run takes.
        var expected: [String: Data] = [:]
        var runTime = 0.0
        for models in ["a.csv", "b.csv"] {
            let start = Date()
            let r = try TestSupport.geotool(arguments(models, out: "\(dir)/expected-\(models)"))
            runTime = max(runTime, Date().timeIntervalSince(start))
            XCTAssertEqual(r.status, 0, r.stderr)
            expected[models] = try XCTUnwrap(contents("\(dir)/expected-\(models)"))
            try FileManager.default.removeItem(atPath: "\(dir)/expected-\(models)")
        }
        XCTAssertNotEqual(expected["a.csv"], expected["b.csv"])
        XCTAssertEqual(try TestSupport.geotool(arguments("a.csv", out: out)).status, 0)

        var outcomes: [String: Int] = [:]
        var random = SystemRandomNumberGenerator()
        for round in 0..<50 {
            let previous = try XCTUnwrap(contents(out))
            let models = Bool.random(using: &random) ? "a.csv" : "b.csv"
            let delay = Double.random(in: 0...(1.2 * runTime), using: &random)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
            p.arguments = arguments(models, out: out)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()

            let now = try XCTUnwrap(contents(out), "round \(round): no output after a kill at \(delay) s")
            let state = now == previous ? "previous" : now == expected[models] ? "new" : "partial"
            XCTAssertNotEqual(state, "partial",
                              "round \(round): \(now.count) bytes after a kill at \(delay) s are neither the previous nor the new file")
            outcomes[state, default: 0] += 1
            let strays = listing.filter { $0.hasPrefix(".out.csv.tmp-") }
            XCTAssertLessThanOrEqual(strays.count, 1, "round \(round): \(strays)")
        }
        XCTAssertEqual(outcomes["partial"], nil)

        let finished = try TestSupport.geotool(arguments("b.csv", out: out))
        XCTAssertEqual(finished.status, 0, finished.stderr)
        XCTAssertEqual(contents(out), expected["b.csv"])
        XCTAssertEqual(listing, ["a.csv", "b.csv", "out.csv", "system.yaml"], "a temporary or parts remain")
    }
}
