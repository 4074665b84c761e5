import Batch
import Foundation
import GeoSupport
import TestSupport
import XCTest
@testable import Operations
@testable import geotool

/// TEM1D model specs in the one spec vocabulary: deterministic designs give byte-identical outputs to the old
/// keys, the old keys still work with one deprecation line, and a layer parameter expands exactly like the
/// same parameter in a batch spec.
final class ModelSpaceFileTests: XCTestCase {
    private var dir = ""
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("model-space") }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    private func run(_ name: String, _ yaml: String) throws -> (output: Data, stderr: String) {
        let spec = "\(dir)/\(name).yaml", out = "\(dir)/\(name).csv"
        try yaml.write(toFile: spec, atomically: true, encoding: .utf8)
        let r = try TestSupport.geotool(["tem1d", "run", "--models", spec, "--system", TestSupport.fixture("tem1d/system.yaml"),
                                         "--out", out, "--jobs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (try Data(contentsOf: URL(fileURLWithPath: out)), r.stderr)
    }

    private func deprecationLines(_ stderr: String) -> Int {
        stderr.split(separator: "\n").filter { $0.contains("deprecated") }.count
    }

    func testGridAndOneAtATimeEqualTheOldKeysByteForByte() throws {
        let oldGrid = try run("old-grid", """
            mode: grid
            layers:
              - {rho: [10, 100], thk: {linspace: {start: 5, stop: 20, num: 4}}}
              - {rho: {logspace: {start: 1, stop: 1000, num: 3}}, thk: 30}
              - rho: 300
            """)
        let newGrid = try run("new-grid", """
            layers:
              - {rho: {grid: [10, 100]}, thk: {sweep: {start: 5, stop: 20, num: 4}}}
              - {rho: {sweep: {start: 1, stop: 1000, num: 3, scale: log}}, thk: 30}
              - rho: 300
            """)
        XCTAssertEqual(oldGrid.output, newGrid.output, "grid: same models, same order, same bytes")
        XCTAssertEqual(deprecationLines(oldGrid.stderr), 1, oldGrid.stderr)
        XCTAssertEqual(deprecationLines(newGrid.stderr), 0, newGrid.stderr)

        let oldSweep = try run("old-sweep", """
            mode: sweep
            layers:
              - {rho: [10, 20, 40], thk: {values: [5, 7]}}
              - rho: {linspace: {start: 100, stop: 300, num: 3}}
            """)
        let newSweep = try run("new-sweep", """
            design: one_at_a_time
            layers:
              - {rho: {grid: [10, 20, 40]}, thk: {grid: [5, 7]}}
              - rho: {sweep: {start: 100, stop: 300, num: 3}}
            """)
        XCTAssertEqual(oldSweep.output, newSweep.output, "one at a time: base model, then each parameter alone")
    }

    func testALayerParameterExpandsLikeTheSameBatchParameter() throws {
        let layers = """
            layers:
              - rho: {monte_carlo: {distribution: log_uniform, low: 30, high: 1000}}
                thk: {monte_carlo: {distribution: uniform, low: 5, high: 40}}
              - rho: {monte_carlo: {distribution: log_normal, log10_mean: 1.0, log10_std: 0.3}}
            monte_carlo: {n: 7, seed: 42}
            """
        let (space, layerCount) = try ModelSpaceFile.space(SpecNode(try XCTUnwrap(YAMLDocument.load(layers)), path: ""))
        XCTAssertEqual(layerCount, 2)
        let batch = try BatchSpec.parse("""
            kind: tem1d-chunk
            parameters:
              rho_1: {monte_carlo: {distribution: log_uniform, low: 30, high: 1000}}
              thk_1: {monte_carlo: {distribution: uniform, low: 5, high: 40}}
              rho_2: {monte_carlo: {distribution: log_normal, log10_mean: 1.0, log10_std: 0.3}}
            monte_carlo: {n: 7, seed: 42}
            """)
        // Same distributions, same seed, and the same draw order (rho_1, rho_2, thk_1 — the batch sorts names, the
        // TEM1D spec orders rho before thk: identical for fewer than ten layers).
        XCTAssertEqual(try space.points(), try batch.expand())
    }

    func testErrorsNameFileAndKeyPath() throws {
        for (yaml, expected) in [
            ("layers:\n  - {rho: {grid: [a, b]}}\n", "layers[0].rho: must be numbers, got 'a'"),
            ("layers:\n  - {rho: {monte_carlo: {distribution: normal, mean: 10, std: 1}}}\n",
             "monte_carlo.n: is required (layers[0].rho is sampled)"),
            ("layers:\n  - {rho: 10, thk: 5}\n", "layers[0].thk: unknown key"),
            ("layers:\n  - {rho: {sweep: {start: 1, stop: 10, num: 0}}}\n", "layers[0].rho.sweep.num: must be > 0"),
            ("layers: []\n", "layers: needs at least one layer"),
        ] {
            let spec = "\(dir)/bad.yaml"
            try yaml.write(toFile: spec, atomically: true, encoding: .utf8)
            let r = try TestSupport.geotool(["tem1d", "run", "--models", spec, "--system", TestSupport.fixture("tem1d/system.yaml"),
                                             "--out", "\(dir)/bad.csv"])
            XCTAssertNotEqual(r.status, 0)
            XCTAssertTrue(r.stderr.contains("bad.yaml") && r.stderr.contains(expected), "\(yaml): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        }
    }
}
