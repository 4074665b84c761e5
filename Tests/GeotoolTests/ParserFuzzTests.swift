import Batch
import Ecostress
import Erosion
import Foundation
import GeoSupport
import Grid
import TEM1D
import TestSupport
import XCTest
import Yams
@testable import Operations
@testable import geotool

/// Seeded random-mutation fuzzing of every parser that reads user files: batch specs, RFC 4180 CSV, TEM1D
/// model tables, TEM1D system and model-spec YAML, ECOSTRESS site lists. Each iteration mutates a valid
/// seed input (byte flips, cuts, duplications, hostile tokens: huge and non-finite numbers, quotes,
/// separators, YAML anchors, NUL, BOM) and feeds it to the parser, which must return or throw — a crash
/// kills the test process, which fails the suite. Bounded: `GEOTOOL_FUZZ_SECONDS` per parser (default
/// 1.5 s) and the seed `GEOTOOL_FUZZ_SEED` (default 17; CI runs the default, so failures reproduce).
final class ParserFuzzTests: XCTestCase {
    private var dir = ""
    private let budget = Double(ProcessInfo.processInfo.environment["GEOTOOL_FUZZ_SECONDS"] ?? "") ?? 1.5
    private let seed = UInt64(ProcessInfo.processInfo.environment["GEOTOOL_FUZZ_SEED"] ?? "") ?? 17

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("fuzz") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    static let tokens = ["1e308", "-1e308", "1e400", "nan", "inf", "-inf", "-0", "0", "99999999999999999999",
                         "1000000000", "\"", "\"\"", ",", "\n", "\r\n", "{", "}", "[", "]", ":", "- ", "&a ", "*a",
                         "!!binary ", "!!float ", "../../x", "/", "\u{0}", "\u{FEFF}", "  ", "#", "'", "~", "null",
                         "num: 1000000000", "n: 100000000", "list: []", "grid: [", "sweep: {start: 0, stop: 1e300, step: 1e-300}",
                         "max_jobs: 1000000000000", "é", "\t", "0x10", ".5", "5.", "1e-320", "true"]

    /// Mutates `seedText` and calls `body` until the time budget is spent; returns the iteration count.
    @discardableResult
    private func fuzz(_ name: String, seeds: [String], _ body: (String) throws -> Void) -> Int {
        var rng = SplitMix64(seed: seed ^ name.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) })
        let end = Date(timeIntervalSinceNow: budget)
        var n = 0
        while Date() < end || n < 50 {
            var bytes = Array(seeds[Int(rng.next() % UInt64(seeds.count))].utf8)
            for _ in 0..<(1 + Int(rng.next() % 4)) { Self.mutate(&bytes, &rng) }
            _ = try? body(String(decoding: bytes, as: UTF8.self))
            n += 1
        }
        return n
    }

    private static func mutate(_ b: inout [UInt8], _ rng: inout SplitMix64) {
        let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count))
        switch rng.next() % 6 {
        case 0 where !b.isEmpty: b[at] ^= UInt8(1 << (rng.next() % 8))
        case 1 where !b.isEmpty: b.removeSubrange(at..<min(b.count, at + 1 + Int(rng.next() % 16)))
        case 2 where !b.isEmpty:
            let end = min(b.count, at + 1 + Int(rng.next() % 64))
            b.insert(contentsOf: b[at..<end], at: at)
        case 3: b = Array(b.prefix(at))
        default: b.insert(contentsOf: Array(tokens[Int(rng.next() % UInt64(tokens.count))].utf8), at: at)
        }
    }

    private func file(_ name: String, _ text: String) throws -> String {
        let path = "\(dir)/\(name)"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    func testBatchSpecParser() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: TestSupport.fixture("specs")).sorted()
            .map { try String(contentsOfFile: TestSupport.fixture("specs/\($0)"), encoding: .utf8) }
            + ["kind: synthetic\nparameters: {x: {sweep: {start: 0, stop: 1, num: 5}}, k: {monte_carlo: {distribution: normal, mean: 0, std: 1}}}\nmonte_carlo: {n: 3}\n",
               #"{"kind": "plot", "inputs": {"type": "map", "input": "a.tif"}, "parameters": {"cmap": {"list": ["magma"]}}}"#]
        fuzz("spec", seeds: seeds) { text in
            let spec = try BatchSpec.parse(text)
            _ = try spec.jobCount()
            if (try? spec.jobCount()) ?? .max <= 2_000 { try spec.forEachJob { try PlotJob().schema.validate($0) } }
        }
    }

    func testCSVReader() {
        let seeds = ["id,name,note\r\n1,\"Smith, J\",\"said \"\"hi\"\"\"\r\n2,plain,\"two\nlines\"\r\n", "a,b\n1,2\n3,4\n", "\u{FEFF}x\n\"\n"]
        fuzz("csv", seeds: seeds) { text in
            let t = try CSVTable(text: text)
            for c in t.header.indices { _ = try? t.numbers(t.header[c]); _ = try? t.dates(t.header[c]) }
        }
    }

    func testTEM1DModelTable() throws {
        let seeds = [try String(contentsOfFile: TestSupport.fixture("tem1d/models.csv"), encoding: .utf8),
                     "rho_1,rho_2,thk_1\n100,10,20\n5,,\n"]
        fuzz("models.csv", seeds: seeds) { text in _ = try ModelCSV.parse(text) }
    }

    func testTEM1DSystemAndSpecYAML() throws {
        let system = try String(contentsOfFile: TestSupport.fixture("tem1d/system.yaml"), encoding: .utf8)
        let spec = try String(contentsOfFile: TestSupport.fixture("tem1d/spec.yaml"), encoding: .utf8)
        fuzz("system.yaml", seeds: [system, "loop_side: 40\nheight: 30\nramp_time: 1e-6\ngates: [[1e-5, 2e-5], [2e-5, 4e-5]]\n"]) { text in
            _ = try SystemFile.load(try file("system.yaml", text))
        }
        fuzz("spec.yaml", seeds: [spec, "mode: grid\nlayers:\n  - rho: {logspace: {start: 1, stop: 1000, num: 4}}\n    thk: [10, 20]\n  - rho: 100\n"]) { text in
            _ = try ModelSpecFile.load(try file("spec.yaml", text), maxModels: 10_000)
        }
    }

    func testEcostressSiteLists() {
        let csv = "site,west,south,east,north\nUS-Ha1,-72.2,42.5,-72.1,42.6\n\"a, b\",1,2,3,4\n"
        let yaml = "sites:\n  - {name: US-Ha1, west: -72.2, south: 42.5, east: -72.1, north: 42.6}\n"
        fuzz("sites.csv", seeds: [csv]) { text in _ = try Site.load(try file("sites.csv", text)) }
        fuzz("sites.yaml", seeds: [yaml]) { text in _ = try Site.load(try file("sites.yaml", text)) }
    }

    func testErosionScenarioFile() throws {
        let seeds = [try String(contentsOfFile: TestSupport.fixture("scenarios/terrasim.yaml"), encoding: .utf8)]
        fuzz("scenarios.yaml", seeds: seeds) { text in
            let file = try YAMLDecoder().decode(ScenarioFile.self, from: text)
            if (try? file.rasterPaths().count) ?? 0 < 1_000 { _ = try? file.riskClassification() }
        }
    }

    /// YAML aliases cost nothing: a "billion laughs" document is refused or parsed without expanding it.
    func testYAMLAliasBombsAreCheap() throws {
        var bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...9 { bomb += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        let started = Date()
        _ = try? BatchSpec.parse("kind: synthetic\n" + bomb)
        _ = try? SystemFile.load(try file("bomb.yaml", bomb))
        _ = try? Site.load(try file("bomb.yml", bomb))
        // Expanded, the bomb is 10^10 values (hours and an OOM); the 10^6-value budget stops each reader within about a
        // second of a debug build, also on a loaded machine.
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "aliases were expanded")
    }
}
