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

    /// A dual-moment instrument (the two real SkyTEM .stm files via fixtures/tem1d/skytem.yaml) at --height 30: one
    /// row per model with both moments' windows (LM_t_…, HM_t_…), values equal to the library's, CSV and NPY alike,
    /// --quantity b too; a single .stm file runs as a one-moment instrument.
    func testDualMomentInstrumentRowsEqualTheLibrary() throws {
        let models = try ModelCSV.read(contentsOf: URL(fileURLWithPath: TestSupport.fixture("tem1d/models.csv")))
        let lm = try STMFileFixture.moment("LM"), hm = try STMFileFixture.moment("HM")
        let modeller = try InstrumentModeller(instrument: TEMInstrument(name: "SkyTEM", loopRadius: 9.9975, moments: [lm, hm]))
        let geometry = try SoundingGeometry(height: 30)
        for (quantity, format) in [("dbdt", "csv"), ("b", "npy")] {
            let out = "\(dir)/dual-\(quantity).\(format)"
            let r = try run(["--models", TestSupport.fixture("tem1d/models.csv"), "--system", TestSupport.fixture("tem1d/skytem.yaml"),
                             "--out", out, "--height", "30", "--quantity", quantity])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(r.stderr.contains("LM 18, HM 21"), r.stderr)
            var rows: [[Double]] = []
            if format == "csv" {
                let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
                XCTAssertEqual(lines[0][6], "LM_t_1.720e-05")
                XCTAssertEqual(lines[0][6 + 18], "HM_t_8.569e-05")
                XCTAssertEqual(lines[0].count, 6 + 18 + 21)
                rows = lines.dropFirst().map { $0.compactMap(Double.init) }
            } else {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
                let headerLength = Int(bytes[8]) + Int(bytes[9]) << 8 + 10
                let values = stride(from: headerLength, to: bytes.count, by: 8).map { o in
                    Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[o + $1]) << (8 * UInt64($1)) })
                }
                rows = stride(from: 0, to: values.count, by: 45).map { Array(values[$0..<($0 + 45)]) }
                let sidecar = try String(contentsOfFile: out + ".json", encoding: .utf8)
                XCTAssertTrue(sidecar.contains("\"height_m\" : 30"), sidecar)
            }
            XCTAssertEqual(rows.count, models.count)
            for (i, m) in models.enumerated() {
                let r = modeller.forwardConcatenated(m, geometry: geometry)
                XCTAssertEqual(Array(rows[i][6...]), quantity == "b" ? r.bz : r.dbzdt, "model \(i)")
            }
        }
        let single = "\(dir)/lm.csv"
        let r = try run(["--models", TestSupport.fixture("tem1d/models.csv"), "--system", TestSupport.fixture("tem1d/systems/Skytem-LM.stm"),
                         "--out", single])
        XCTAssertEqual(r.status, 0, r.stderr)
        let header = try String(contentsOfFile: single, encoding: .utf8).split(separator: "\n")[0]
        XCTAssertTrue(header.hasSuffix("Skytem_LM_t_8.962e-04"), String(header))
    }

    /// Per-model geometry: `height` and `rx_dz` columns of the models CSV give each sounding its own loop height and
    /// receiver offset (rows equal the library at those geometries); with an idealised system they are refused.
    func testPerModelHeightColumns() throws {
        let models = "\(dir)/heights.csv"
        try "rho_1,rho_2,thk_1,height,rx_dz\n100,10,20,0,0\n30,300,10,25.5,2\n500,50,60,40,-1.5\n".write(toFile: models, atomically: true, encoding: .utf8)
        let out = "\(dir)/heights.out.csv"
        let r = try run(["--models", models, "--system", TestSupport.fixture("tem1d/systems/Skytem-HM.stm"), "--out", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        let modeller = try InstrumentModeller(instrument: TEMInstrument(name: "HM", loopRadius: 9.9975, moments: [STMFileFixture.moment("HM")]))
        let rows = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        let expected: [(LayeredModel, SoundingGeometry)] = [
            (try LayeredModel(resistivities: [100, 10], thicknesses: [20]), try SoundingGeometry()),
            (try LayeredModel(resistivities: [30, 300], thicknesses: [10]), try SoundingGeometry(height: 25.5, receiverOffset: 2)),
            (try LayeredModel(resistivities: [500, 50], thicknesses: [60]), try SoundingGeometry(height: 40, receiverOffset: -1.5)),
        ]
        XCTAssertEqual(rows.count, 3)
        for (i, (m, g)) in expected.enumerated() {
            XCTAssertEqual(Array(rows[i][4...]), modeller.forwardConcatenated(m, geometry: g).dbzdt, "row \(i)")
        }
        let idealised = try run(["--models", models, "--system", TestSupport.fixture("tem1d/system.yaml"), "--out", "\(dir)/x.csv"])
        XCTAssertEqual(idealised.status, 1)
        XCTAssertTrue(idealised.stderr.contains("'height' is not rho_<k> or thk_<k>"), idealised.stderr)
        try "rho_1,height\n100,-3\n".write(toFile: models, atomically: true, encoding: .utf8)
        let negative = try run(["--models", models, "--system", TestSupport.fixture("tem1d/systems/Skytem-HM.stm"), "--out", "\(dir)/y.csv"])
        XCTAssertEqual(negative.status, 1)
        XCTAssertTrue(negative.stderr.contains("row 2, field height"), negative.stderr)
        XCTAssertEqual(negative.stderr.split(separator: "\n").count, 1, negative.stderr)
    }

    /// Bad instrument input: one line naming the file, the key (and line) and the problem, nothing written.
    func testBadInstrumentInputIsOneLineNamingFileKeyAndLine() throws {
        let hm = try String(contentsOfFile: TestSupport.fixture("tem1d/systems/Skytem-HM.stm"), encoding: .utf8)
        let cases: [(file: String, text: String, expected: String)] = [
            ("times.stm", hm.replacingOccurrences(of: "-6.380E-03 7.526E-01", with: "-9.380E-03 7.526E-01"),
             "times.stm: line 14, Transmitter.WaveFormCurrent: waveform times must be strictly increasing"),
            ("window.stm", hm.replacingOccurrences(of: "7.53900E-05 9.60000E-05", with: "9.7E-05 9.0E-05"),
             "the window closes (9e-05 s) before it opens (9.7e-05 s)"),
            ("overlap.stm", hm.replacingOccurrences(of: "9.63900E-05 1.22000E-04", with: "9.53900E-05 1.22000E-04"),
             "before the previous one closes"),
            ("order.stm", hm.replacingOccurrences(of: "Order           = 1      2", with: "Order           = 0      2"),
             "Receiver.LowPassFilter.Order: 0.0 must be an integer within 1…16"),
            ("cutoff.stm", hm.replacingOccurrences(of: "CutOffFrequency = 300000 450000", with: "CutOffFrequency = -300000 450000"),
             "Receiver.LowPassFilter.CutOffFrequency: -300000.0 must be > 0 Hz"),
            ("f0.stm", hm.replacingOccurrences(of: "BaseFrequency = 25", with: "BaseFrequency = 60"),
             "Transmitter.BaseFrequency: the half period"),
            ("kind.stm", hm.replacingOccurrences(of: "ModellingLoopRadius = 9.9975", with: "ModellingLoopRadius = ten"),
             "ForwardModelling.ModellingLoopRadius: 'ten' is not a finite number"),
            ("unknown.stm", hm.replacingOccurrences(of: "LoopArea      = 1", with: "LoopAreas     = 1"),
             "Transmitter.LoopAreas: unknown key"),
            ("bad.yaml", "moments:\n  - name: LM\n    waveform: [[0, 0], [1.0e-3, 1], [1.0e-3, 0]]\n    windows: [[2.0e-3, 3.0e-3]]\n",
             "bad.yaml: line 3, moments[0].waveform[2]: waveform times must be strictly increasing"),
        ]
        for c in cases {
            let path = "\(dir)/\(c.file)", out = "\(dir)/\(c.file).out.csv"
            try c.text.write(toFile: path, atomically: true, encoding: .utf8)
            let r = try run(["--models", TestSupport.fixture("tem1d/models.csv"), "--system", path, "--out", out])
            XCTAssertEqual(r.status, 1, "\(c.file): \(r.stderr)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains(c.expected), "\(c.file): \(r.stderr)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), c.file)
        }
    }
}

/// The SkyTEM moments of fixtures/tem1d/systems, built through the library from the values of the .stm files as
/// `STMFile` reads them (the command test compares the process's output with these).
enum STMFileFixture {
    static func moment(_ name: String) throws -> TEMMoment {
        let text = try String(contentsOfFile: TestSupport.fixture("tem1d/systems/Skytem-\(name).stm"), encoding: .utf8)
        func block(_ title: String) -> [[Double]] {
            let body = text.components(separatedBy: "\(title) Begin")[1].components(separatedBy: "\(title) End")[0]
            return body.split(separator: "\n").map { $0.split(separator: "/")[0] }
                .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) } }
                .filter { $0.count == 2 }
        }
        let wave = block("WaveFormCurrent"), windows = block("WindowTimes")
        let f0 = name == "LM" ? 222.22222222222222222 : 25
        return try TEMMoment(name: name, waveform: Waveform(times: wave.map { $0[0] }, currents: wave.map { $0[1] }),
                             baseFrequency: f0, windows: windows.map { Gate(open: $0[0], close: $0[1]) },
                             filters: [LowPassFilter(cutoff: 300_000, order: 1), LowPassFilter(cutoff: 450_000, order: 2)])
    }
}
