import GeoSupport
import XCTest
@testable import Batch

/// Spec parsing and expansion: counts, order, determinism, distributions, validation key paths.
final class SpecExpansionTests: XCTestCase {
    private func spec(_ yaml: String) throws -> BatchSpec { try BatchSpec.parse(yaml) }

    private func error(_ yaml: String) -> String {
        do { _ = try BatchSpec.parse(yaml); return "no error" } catch { return "\(error)" }
    }

    func testCountsMultiplyListGridSweepSamplesAndSeeds() throws {
        let s = try spec("""
            kind: synthetic
            parameters:
              scenario: {list: [dry, wet, mixed]}
              region: {list: [1, 2, 3]}
              cover: {grid: [0.1, 0.3]}
              rainfall: {sweep: {start: 500, stop: 1500, num: 5}}
              k: {monte_carlo: {distribution: uniform, low: 0, high: 1}}
              mode: fast
            monte_carlo: {n: 4, seed: 1}
            seeds_per_combination: 2
            """)
        XCTAssertEqual(try s.jobCount(), 3 * 2 * 5 * 4 * 2)
        let jobs = try s.expand()
        XCTAssertEqual(jobs.count, 240)
        // Lists are zipped, grid axes vary with the last name fastest, then samples, then seeds.
        XCTAssertEqual(jobs[0]["scenario"], "dry"); XCTAssertEqual(jobs[0]["region"], 1)
        XCTAssertEqual(jobs[80]["scenario"], "wet"); XCTAssertEqual(jobs[80]["region"], 2)
        XCTAssertEqual(jobs[0]["cover"], 0.1); XCTAssertEqual(jobs[0]["rainfall"], 500)
        XCTAssertEqual(jobs[8]["rainfall"], 750)
        XCTAssertEqual(jobs[0]["mode"], "fast")
        XCTAssertEqual(jobs[0]["k"], jobs[1]["k"], "seed replicates share the sample")
        XCTAssertNotEqual(jobs[0]["seed"], jobs[1]["seed"])
        XCTAssertEqual(jobs[0]["k"], jobs[8]["k"], "common random numbers across combinations")
        XCTAssertEqual(Set(jobs.map { $0["seed"]! }).count, 240)
    }

    func testExpansionIsDeterministicAndPinned() throws {
        let yaml = """
            kind: synthetic
            parameters:
              k: {monte_carlo: {distribution: normal, mean: 10, std: 2}}
            monte_carlo: {n: 3, seed: 42}
            seeds_per_combination: 1
            """
        let a = try spec(yaml).expand(), b = try spec(yaml).expand()
        XCTAssertEqual(a, b)
        // Pinned: SplitMix64-based sampling must not change between Swift versions or machines.
        let k = a.map { $0["k"]!.doubleValue! }
        XCTAssertEqual(k.count, 3)
        XCTAssertEqual(try spec(yaml.replacingOccurrences(of: "seed: 42", with: "seed: 43")).expand().count, 3)
        XCTAssertNotEqual(try spec(yaml.replacingOccurrences(of: "seed: 42", with: "seed: 43")).expand()[0]["k"], a[0]["k"])
        XCTAssertEqual(k[0], 10 + 2 * Self.referenceNormal(seed: ParameterSpace.mix(42, 0)), accuracy: 1e-12)
    }

    /// Box–Muller written out independently from SplitMix64's first two outputs.
    private static func referenceNormal(seed: UInt64) -> Double {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let u1 = 1 - Double(next() >> 11) * 0x1p-53, u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }

    func testSweeps() {
        XCTAssertEqual(Sweep.linspace(start: 0, stop: 1, num: 5).values, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(Sweep.linspace(start: 3, stop: 9, num: 1).values, [3])
        let log = Sweep.logspace(start: 1, stop: 1000, num: 4).values
        for (x, e) in zip(log, [1.0, 10, 100, 1000]) { XCTAssertEqual(x, e, accuracy: 1e-9 * e) }
        XCTAssertEqual(Sweep.range(start: 0, stop: 10, step: 2.5).values, [0, 2.5, 5, 7.5, 10])
        XCTAssertEqual(Sweep.range(start: 0, stop: 1, step: 0.1).values.count, 11)
        XCTAssertEqual(Sweep.range(start: 5, stop: 1, step: -2).values, [5, 3, 1])
    }

    func testMonteCarloMoments() throws {
        func samples(_ dist: String) throws -> [Double] {
            try spec("kind: x\nparameters:\n  v: {monte_carlo: \(dist)}\nmonte_carlo: {n: 10000, seed: 7}\nmax_jobs: 10000")
                .expand().map { $0["v"]!.doubleValue! }
        }
        func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
        func std(_ x: [Double]) -> Double { let m = mean(x); return (x.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(x.count - 1)).squareRoot() }
        let u = try samples("{distribution: uniform, low: 2, high: 4}")
        XCTAssertEqual(mean(u), 3, accuracy: 0.02)                       // σ/√n ≈ 0.006
        XCTAssertEqual(std(u), 2 / 12.0.squareRoot(), accuracy: 0.01)
        XCTAssertTrue(u.allSatisfy { $0 >= 2 && $0 < 4 })
        let lu = try samples("{distribution: log_uniform, low: 0.01, high: 100}").map { log10($0) }
        XCTAssertEqual(mean(lu), 0, accuracy: 0.04)
        XCTAssertEqual(std(lu), 4 / 12.0.squareRoot(), accuracy: 0.02)
        let n = try samples("{distribution: normal, mean: 5, std: 2}")
        XCTAssertEqual(mean(n), 5, accuracy: 0.06)
        XCTAssertEqual(std(n), 2, accuracy: 0.05)
        let t = try samples("{distribution: truncated_normal, mean: 0, std: 1, low: 0, high: 10}")
        XCTAssertTrue(t.allSatisfy { $0 >= 0 && $0 <= 10 })
        XCTAssertEqual(mean(t), (2 / Double.pi).squareRoot(), accuracy: 0.02)   // half-normal mean
    }

    func testValidationErrorsNameTheKeyPath() {
        let base = "kind: synthetic\nparameters:\n  rainfall: "
        XCTAssertEqual(error(base + "{sweep: {start: 1, stop: 2, num: 0}}"), "parameters.rainfall.sweep.num: must be > 0")
        XCTAssertEqual(error(base + "{sweep: {start: 1, stop: 2, num: 2.5}}"), "parameters.rainfall.sweep.num: must be an integer")
        XCTAssertTrue(error(base + "{sweep: {start: 1, stop: 2, nmu: 3}}").hasPrefix("parameters.rainfall.sweep.nmu: unknown key"))
        XCTAssertEqual(error(base + "{sweep: {start: 0, stop: 2, num: 3, scale: log}}"),
                       "parameters.rainfall.sweep.start: must be > 0 for scale: log")
        XCTAssertEqual(error(base + "{sweep: {start: 0, stop: 2, step: -1}}"),
                       "parameters.rainfall.sweep.step: must have the sign of stop − start")
        XCTAssertEqual(error(base + "{monte_carlo: {distribution: normal, mean: 0, std: 0}}\nmonte_carlo: {n: 2}"),
                       "parameters.rainfall.monte_carlo.std: must be > 0")
        XCTAssertEqual(error(base + "{monte_carlo: {distribution: uniform, low: 0, high: 1}}"),
                       "monte_carlo.n: is required (parameters.rainfall is sampled)")
        XCTAssertEqual(error(base + "{list: [1, 2]}\n  cover: {list: [1, 2, 3]}"),
                       "parameters.rainfall.list: has 2 items; every list must have 3 (lists are zipped)")
        XCTAssertEqual(error(base + "{grid: []}"), "parameters.rainfall.grid: must not be empty")
        XCTAssertEqual(error("parameters: {}"), "kind: is required")
        XCTAssertTrue(error("kind: x\npriorty: 1").hasPrefix("priorty: unknown key"))
        XCTAssertEqual(error("kind: x\ntimeout: -1"), "timeout: must be > 0")
        XCTAssertEqual(error("kind: x\nseeds_per_combination: 20000"),
                       "max_jobs: the spec expands to 20000 jobs, more than max_jobs (10000); raise max_jobs to allow")
        XCTAssertEqual(error("kind: x\nseeds_per_combination: 20000\nmax_jobs: 20000"), "no error")
    }

    func testJSONSpecIsAccepted() throws {
        let s = try BatchSpec.parse(#"{"kind": "synthetic", "parameters": {"a": {"grid": [1, 2, 3]}}, "priority": 2, "isolation": "thread"}"#)
        XCTAssertEqual(try s.jobCount(), 3)
        XCTAssertEqual(s.priority, 2)
        XCTAssertEqual(s.isolation, .thread)
    }
}
