import Foundation
import GeoSupport
import XCTest
@testable import TEM1D

/// The idealised systems (ideal step-off, linear ramp, point and boxcar gates, ground and airborne) must keep
/// their outputs **bit for bit** while the instrument path (waveforms, filters, windows) is added beside them.
/// `fixtures/tem1d/idealised-golden.txt` holds the IEEE-754 bit patterns of −dBz/dt and Bz computed by the code
/// before the instrument path existed (commit efb317d); regenerate only for a deliberate change of the idealised
/// physics: `TEM1D_WRITE_GOLDEN=1 swift test --filter IdealisedGoldenTests`.
final class IdealisedGoldenTests: XCTestCase {
    static func cases() throws -> [(name: String, system: TEMSystem)] {
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        return [
            ("step ground", try TEMSystem(loopRadius: 20, times: times)),
            ("step 35 m", try TEMSystem(loopRadius: 12, height: 35, times: times)),
            ("ramp ground", try TEMSystem(loopRadius: 20, times: times, rampTime: 3e-6)),
            ("boxcar ramp 30 m", try TEMSystem(loopRadius: 10, height: 30, gates: times.map { Gate(open: $0, close: $0 * 1.3) },
                                               rampTime: 1e-5)),
        ]
    }

    static func models() throws -> [LayeredModel] {
        var rng = SeededGenerator(seed: 23)
        var out = [try LayeredModel(resistivities: [100], thicknesses: [])]
        for _ in 0..<6 {
            let n = 2 + Int(rng.next() % 4)
            out.append(try LayeredModel(resistivities: (0..<n).map { _ in pow(10, 3 * rng.nextUnit()) },
                                        thicknesses: (0..<(n - 1)).map { _ in pow(10, 2 * rng.nextUnit()) }))
        }
        return out
    }

    static var goldenURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures/tem1d/idealised-golden.txt")
    }

    func lines() throws -> [String] {
        var out: [String] = []
        let models = try Self.models()
        for (name, system) in try Self.cases() {
            let modeller = try ForwardModeller(system: system)
            for (i, m) in models.enumerated() {
                let r = modeller.forward(m)
                let bits = (r.dbzdt + r.bz).map { String($0.bitPattern, radix: 16) }
                out.append("\(name)|\(i)|" + bits.joined(separator: ","))
            }
        }
        return out
    }

    func testIdealisedOutputsAreBitIdentical() throws {
        let current = try lines()
        if ProcessInfo.processInfo.environment["TEM1D_WRITE_GOLDEN"] != nil {
            try (current.joined(separator: "\n") + "\n").write(to: Self.goldenURL, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOf: Self.goldenURL, encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(golden.count, current.count)
        for (g, c) in zip(golden, current) { XCTAssertEqual(g, c) }
    }
}
