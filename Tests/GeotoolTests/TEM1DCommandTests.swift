import GeoSupport
import Foundation
import TEM1D
import TestSupport
import XCTest

/// `geotool tem1d run` as a process: values equal to the library's, CSV and NPY layouts, jobs-independence,
/// resume after `kill -9`, one-line errors for bad input.
final class TEM1DCommandTests: XCTestCase {
    private var dir = ""

    override func setUpWithError() throws {
        dir = try TestSupport.temporaryDirectory("tem1d-cmd")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// The system of fixtures/tem1d/system.yaml, built through the library.
    private func fixtureSystem() throws -> TEMSystem {
        let times = try XCTUnwrap(LayerParameterSpec.logspace(from: 1e-6, to: 1e-2, count: 30).deterministicValues())
        return try TEMSystem(loopRadius: 20, height: 0, times: times, rampTime: 0)
    }

    private func run(_ arguments: [String]) throws -> TestSupport.ProcessResult {
        try TestSupport.geotool(["tem1d", "run"] + arguments)
    }

    func testCSVModelsGiveOneRowPerModelWithTheLibraryValues() throws {
        let out = "\(dir)/out.csv"
        let r = try run(["--models", TestSupport.fixture("tem1d/models.csv"),
                         "--system", TestSupport.fixture("tem1d/system.yaml"), "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",").map(String.init)
        }
        XCTAssertEqual(lines[0].prefix(7), ["model_index", "rho_1", "rho_2", "rho_3", "thk_1", "thk_2", "t_1.000e-06"])
        XCTAssertEqual(lines[0].last, "t_1.000e-02")
        XCTAssertEqual(lines[0].count, 1 + 5 + 30)
        let models = try ModelCSV.read(contentsOf: URL(fileURLWithPath: TestSupport.fixture("tem1d/models.csv")))
        XCTAssertEqual(lines.count - 1, models.count)
        let modeller = try ForwardModeller(system: try fixtureSystem())
        for (i, m) in models.enumerated() {
            let row = lines[i + 1].compactMap(Double.init)
            XCTAssertEqual(row.count, 36)
            XCTAssertEqual(row[0], Double(i))
            XCTAssertEqual(Array(row[1..<6]), m.resistivities + m.thicknesses)
            XCTAssertEqual(Array(row[6...]), modeller.forward(m).dbzdt, "model \(i)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"))
    }

    /// One CSV with 1-, 2- and 3-layer models (empty trailing cells): CSV output keeps the cells empty, NPY holds NaN
    /// there, and every row equals the library's response for its own model.
    func testMixedLayerCountsInOneFile() throws {
        let models = "\(dir)/mixed.csv"
        try "rho_1,rho_2,rho_3,thk_1,thk_2\n100,,,,\n10,300,,15,\n50,5,1000,20,40\n".write(toFile: models, atomically: true, encoding: .utf8)
        let expected = [try LayeredModel(resistivities: [100], thicknesses: []),
                        try LayeredModel(resistivities: [10, 300], thicknesses: [15]),
                        try LayeredModel(resistivities: [50, 5, 1000], thicknesses: [20, 40])]
        let modeller = try ForwardModeller(system: try fixtureSystem())
        let csv = "\(dir)/mixed-out.csv", npy = "\(dir)/mixed-out.npy"
        for out in [csv, npy] {
            let r = try run(["--models", models, "--system", TestSupport.fixture("tem1d/system.yaml"), "--out", out])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("3 models of 1–3 layers"), r.stderr)
        }
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 4)
        XCTAssertTrue(lines[1].hasPrefix("0,100.0,,,,,"), String(lines[1]))
        XCTAssertTrue(lines[2].hasPrefix("1,10.0,300.0,,15.0,,"), String(lines[2]))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: npy)))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        let values = stride(from: 10 + headerLength, to: bytes.count, by: 8).map { o in
            Double(bitPattern: bytes[o..<(o + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
        XCTAssertEqual(values.count, 3 * 36)
        for (i, m) in expected.enumerated() {
            let row = Array(values[(i * 36)..<((i + 1) * 36)])
            let csvRow = lines[i + 1].split(separator: ",", omittingEmptySubsequences: false).map { Double($0) ?? .nan }
            for (a, b) in zip(row, csvRow) { XCTAssertTrue(a == b || (a.isNaN && b.isNaN), "row \(i): \(a) vs \(b)") }
            XCTAssertEqual(row[1..<6].filter { !$0.isNaN }, m.resistivities + m.thicknesses)
            XCTAssertEqual(row[1..<6].filter(\.isNaN).count, 2 * (3 - m.layerCount))
            XCTAssertEqual(Array(row[6...]), modeller.forward(m).dbzdt, "model \(i)")
        }
    }

    func testSpecToNPYWithSidecarHoldsTheLibraryBz() throws {
        let out = "\(dir)/out.npy"
        let r = try run(["--models", TestSupport.fixture("tem1d/spec.yaml"), "--system", TestSupport.fixture("tem1d/system.yaml"),
                         "--out", out, "--quantity", "b", "--chunk-size", "7"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        XCTAssertEqual(Array(bytes[0..<8]), [0x93] + Array("NUMPY".utf8) + [1, 0])
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
        XCTAssertEqual((10 + headerLength) % 64, 0)
        let header = String(decoding: bytes[10..<(10 + headerLength)], as: UTF8.self)
        XCTAssertTrue(header.hasPrefix("{'descr': '<f8', 'fortran_order': False, 'shape': (20, 36), }"), header)
        XCTAssertEqual(header.last, "\n")
        let values = stride(from: 10 + headerLength, to: bytes.count, by: 8).map { o in
            Double(bitPattern: bytes[o..<(o + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
        }
        XCTAssertEqual(values.count, 20 * 36)
        let spec = ModelSpec(resistivities: [.logUniform(low: 30, high: 1000), .logNormal(log10Mean: 1, log10SD: 0.3), .fixed(300)],
                             thicknesses: [.uniform(low: 5, high: 40), .fixed(30)], mode: .monteCarlo(count: 20, seed: 42))
        let modeller = try ForwardModeller(system: try fixtureSystem())
        for (i, m) in try spec.expand().enumerated() {
            let row = Array(values[(i * 36)..<((i + 1) * 36)])
            XCTAssertEqual(row[0], Double(i))
            XCTAssertEqual(Array(row[1..<6]), m.resistivities + m.thicknesses)
            XCTAssertEqual(Array(row[6...]), modeller.forward(m).bz, "model \(i)")
        }
        let sidecar = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + ".json"))) as? [String: Any])
        XCTAssertEqual(sidecar["shape"] as? [Int], [20, 36])
        XCTAssertEqual((sidecar["columns"] as? [String])?.prefix(2), ["model_index", "rho_1"])
        XCTAssertEqual(sidecar["quantity"] as? String, "b")
    }

    /// A one-decade, 6-gate system (one contour window: 4× cheaper than the fixture) for the multi-run tests.
    private func smallSystem() throws -> String {
        let path = "\(dir)/small-system.yaml"
        try "loop_radius: 20\ntimes: {logspace: {start: 1.0e-5, stop: 1.0e-4, num: 6}}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A CSV of `count` random 3-layer models.
    private func writeRandomModels(_ count: Int, to path: String) throws {
        var rng = SeededGenerator(seed: 7)
        var text = "rho_1,rho_2,rho_3,thk_1,thk_2\n"
        for _ in 0..<count {
            let v = (0..<5).map { k in k < 3 ? pow(10, 3 * rng.nextUnit()) : 1 + 99 * rng.nextUnit() }
            text += v.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    func testOneAndTwoJobsGiveByteIdenticalFiles() throws {
        let models = "\(dir)/models.csv"
        try writeRandomModels(300, to: models)
        var files: [Data] = []
        for jobs in ["1", "2"] {
            let out = "\(dir)/jobs\(jobs).csv"
            let r = try run(["--models", models, "--system", try smallSystem(), "--out", out,
                             "--jobs", jobs, "--chunk-size", "auto"])
            XCTAssertEqual(r.status, 0, r.stderr)
            files.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        XCTAssertEqual(files[0].count, files[1].count)
        XCTAssertTrue(files[0] == files[1], "--jobs 1 and --jobs 2 differ")
        XCTAssertEqual(String(decoding: files[0], as: UTF8.self).split(separator: "\n").count, 301)
    }

    func testKill9MidRunThenSameCommandResumesToTheUninterruptedFile() throws {
        let models = "\(dir)/models.csv", out = "\(dir)/killed.csv", reference = "\(dir)/reference.csv"
        try writeRandomModels(1500, to: models)
        let arguments = ["tem1d", "run", "--models", models, "--system", try smallSystem(),
                         "--jobs", "1", "--chunk-size", "10"]
        XCTAssertEqual(try TestSupport.geotool(arguments + ["--out", reference]).status, 0)

        let p = Process()
        p.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        p.arguments = arguments + ["--out", out]
        p.standardError = FileHandle.nullDevice
        try p.run()
        let firstChunk = out + ".parts/chunk_000000.part"
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: firstChunk) && p.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertEqual(p.terminationReason, .uncaughtSignal, "the run finished before the kill; give it more models")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out), "no output before the run completes")
        let saved = try FileManager.default.contentsOfDirectory(atPath: out + ".parts").filter { $0.hasSuffix(".part") }
        XCTAssertFalse(saved.isEmpty)
        XCTAssertLessThan(saved.count, 150)

        let resumed = try TestSupport.geotool(arguments + ["--out", out])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        XCTAssertTrue(resumed.stderr.contains("resuming \(out): \(saved.count) of 150 chunks already saved"), resumed.stderr)
        XCTAssertTrue(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: reference)),
                      "resumed file differs from the uninterrupted run")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"))
    }

    func testBadInputIsOneLineNamingFileAndFieldWithNoOutput() throws {
        let system = TestSupport.fixture("tem1d/system.yaml"), csv = TestSupport.fixture("tem1d/models.csv")
        let header = "rho_1,rho_2,rho_3,thk_1,thk_2\n"
        let cases: [(file: String, text: String, models: Bool, expected: String)] = [
            ("negative.csv", header + "100,10,1000,20,50\n100,-5,1000,20,50\n", true, "negative.csv: row 3, field rho_2"),
            ("zero.csv", header + "0,10,1000,20,50\n", true, "zero.csv: row 2, field rho_1"),
            ("columns.csv", header + "100,10,1000,20\n", true, "columns.csv: row 2: expected 5 fields, found 4"),
            ("times.yaml", "loop_radius: 20\ntimes: [1.0e-5, 2.0e-5, 2.0e-5]\n", false,
             "times.yaml: line 2, times[2]: gate times must be strictly increasing"),
            ("key.yaml", "loop_radius: 20\nheigth: 1\ntimes: [1.0e-5]\n", false, "key.yaml: line 2, heigth: unknown key"),
            ("spec.yaml", "monte_carlo: {n: 5}\nlayers:\n  - rho: {monte_carlo: {distribution: uniform, low: 1, hgh: 9}}\n    thk: 5\n  - rho: 3\n",
             true, "spec.yaml: layers[0].rho.monte_carlo.hgh: unknown key"),
        ]
        for c in cases {
            let path = "\(dir)/\(c.file)", out = "\(dir)/\(c.file).out.csv"
            try c.text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try run(["--models", c.models ? path : csv, "--system", c.models ? system : path, "--out", out])
            XCTAssertNotEqual(r.status, 0, c.file)
            let lines = r.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(c.expected), "\(c.file): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), c.file)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"), c.file)
        }
    }

    /// Values outside the supported ranges (which gave NaN cells or a `t_inf` column as success) and specs
    /// larger than the model cap are refused before any output exists; the cap is counted, not expanded.
    func testOutOfRangeValuesAndOversizedSpecsAreRefusedBeforeAnyOutput() throws {
        let system = TestSupport.fixture("tem1d/system.yaml"), csv = TestSupport.fixture("tem1d/models.csv")
        let header = "rho_1,rho_2,thk_1\n"
        let axis = "{sweep: {start: 1, stop: 1000, num: 1000, scale: log}}"
        let cases: [(file: String, text: String, models: Bool, extra: [String], expected: String)] = [
            ("huge.csv", header + "1e308,10,20\n", true, [], "resistivity must be within 1e-8…1e14 ohm·m"),
            ("tiny.csv", header + "100,1e-308,20\n", true, [], "resistivity must be within 1e-8…1e14 ohm·m"),
            ("thin.csv", header + "100,10,1e-300\n", true, [], "thickness must be within 1e-6…1e6 m"),
            ("late.yaml", "loop_radius: 20\ntimes: [1.0e-5, 1.0e300]\n", false, [], "gate times must be within 1e-10…100 s"),
            ("early.yaml", "loop_radius: 20\ntimes: [1.0e-300, 1.0e-5]\n", false, [], "gate times must be within 1e-10…100 s"),
            ("grid.yaml", "layers:\n  - {rho: \(axis), thk: \(axis)}\n  - {rho: \(axis), thk: \(axis)}\n  - rho: \(axis)\n",
             true, [], "1000000000000000 models, more than the limit of 1000000 (raise it with --max-models)"),
            ("mc.yaml", "monte_carlo: {n: 2000}\nlayers:\n  - {rho: {monte_carlo: {distribution: uniform, low: 1, high: 9}}, thk: 5}\n  - rho: 3\n",
             true, ["--max-models", "1000"], "2000 models, more than the limit of 1000"),
            ("overflow.yaml", "layers:\n" + String(repeating: "  - {rho: \(axis), thk: \(axis)}\n", count: 5) + "  - rho: 3\n",
             true, [], "more than"),
        ]
        for c in cases {
            let path = "\(dir)/\(c.file)", out = "\(dir)/\(c.file).out.csv"
            try c.text.write(toFile: path, atomically: true, encoding: .utf8)
            let started = Date()
            let r = try run(["--models", c.models ? path : csv, "--system", c.models ? system : path, "--out", out] + c.extra)
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, "\(c.file): counted, not expanded")
            XCTAssertEqual(r.status, 1, "\(c.file): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(c.expected), "\(c.file): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), c.file)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out + ".parts"), c.file)
        }
    }
}
