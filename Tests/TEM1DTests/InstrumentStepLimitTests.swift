import Foundation
import GeoSupport
import XCTest
@testable import TEM1D

/// The instrument path in the limit of the idealised system: one pulse with a turn-on 100 s earlier (its response at
/// the gates is ~1e-10 of the turn-off's) and a linear ramp-off ending at t = 0, boxcar windows, no filters, no
/// repetition, must equal `ForwardModeller`'s ramp + boxcar result (an independent path: point samples of the step
/// response, Gauss–Legendre over ramp and gate) to 1e-4, on the ground and in the air, for both quantities.
final class InstrumentStepLimitTests: XCTestCase {
    func testRampOffPulseEqualsIdealisedRamp() throws {
        let gates = (0..<20).map { pow(10, -5.5 + 3.5 * Double($0) / 19) }.map { Gate(open: $0, close: $0 * 1.2) }
        let tau = 4e-6
        let waveform = try Waveform(times: [-100, -100 + 1e-3, -tau, 0], currents: [0, 1, 1, 0])
        let moment = try TEMMoment(name: "ramp", waveform: waveform, baseFrequency: nil, windows: gates, weighting: .boxcar)
        let modeller = try InstrumentModeller(instrument: TEMInstrument(name: "test", loopRadius: 15, moments: [moment]))
        var rng = SeededGenerator(seed: 7)
        var worst = 0.0
        for height in [0.0, 30.0] {
            let idealised = try ForwardModeller(system: TEMSystem(loopRadius: 15, height: height, gates: gates, rampTime: tau))
            for i in 0..<12 {
                let n = 1 + (i == 0 ? 0 : Int(rng.next() % 5))
                let model = try LayeredModel(resistivities: (0..<n).map { _ in pow(10, 3 * rng.nextUnit()) },
                                             thicknesses: (0..<(n - 1)).map { _ in pow(10, 2 * rng.nextUnit()) })
                let expected = idealised.forward(model)
                let got = modeller.forward(model, geometry: try SoundingGeometry(height: height))[0]
                let e = max(maxRelativeError(got.dbzdt, expected.dbzdt), maxRelativeError(got.bz, expected.bz))
                worst = max(worst, e)
                XCTAssertLessThanOrEqual(e, 1e-4, "H = \(height), model \(model)")
            }
        }
        print(String(format: "instrument ramp-off pulse vs idealised ramp: max rel err %.2e", worst))
    }
}
