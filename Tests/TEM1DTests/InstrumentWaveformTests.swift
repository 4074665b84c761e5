import Foundation
import GeoSupport
import XCTest
@testable import TEM1D

/// Repetition convergence and vertex-count independence on a periodic SkyTEM-like moment (25 Hz, 10 ms on-time,
/// 40 µs turn-off, filters, 20 windows up to 9.7 ms) over random layered earths, ground and 30 m.
final class InstrumentWaveformTests: XCTestCase {
    static let times: [Double] = [-1e-2, -8.386e-3, -6.380e-3, -3.783e-3, 0, 3.96e-7, 7.782e-7, 1.212e-6, 3.44e-6,
                                  1.981e-5, 3.619e-5, 3.664e-5, 3.719e-5, 3.798e-5, 3.997e-5, 1e-2]
    static let currents: [Double] = [0, 0.4568, 0.7526, 0.9204, 1, 0.9984, 0.9914, 0.9799, 0.9175, 0.4587, 7.675e-3,
                                     3.072e-3, 8.319e-4, 1.19e-4, 0, 0]
    static let windows = (0..<20).map { pow(10, -4.1 + 2.05 * Double($0) / 19) }.map { Gate(open: $0, close: $0 * 1.12) }

    static func moment(waveform: Waveform, periods: Int = TEMMoment.defaultPeriods, weighting: WindowWeighting = .areaUnderCurve) throws -> TEMMoment {
        try TEMMoment(name: "HM", waveform: waveform, baseFrequency: 25, windows: windows, weighting: weighting,
                      filters: [LowPassFilter(cutoff: 300_000, order: 1), LowPassFilter(cutoff: 450_000, order: 2)],
                      periods: periods)
    }

    static func models(_ count: Int, seed: UInt64) throws -> [LayeredModel] {
        var rng = SeededGenerator(seed: seed)
        return try (0..<count).map { _ in
            let n = 3 + Int(rng.next() % 3)
            return try LayeredModel(resistivities: (0..<n).map { _ in pow(10, 3 * rng.nextUnit()) },
                                    thicknesses: (0..<(n - 1)).map { _ in pow(10, 0.3 + 1.7 * rng.nextUnit()) })
        }
    }

    func relativeChange(_ a: InstrumentModeller, _ b: InstrumentModeller, models: [LayeredModel], quantity: WritableKeyPath<Response, [Double]>? = nil) throws -> Double {
        var worst = 0.0
        for model in models {
            for h in [0.0, 30.0] {
                let g = try SoundingGeometry(height: h)
                let x = a.forward(model, geometry: g)[0], y = b.forward(model, geometry: g)[0]
                if let quantity {
                    worst = max(worst, maxRelativeError(x[keyPath: quantity], y[keyPath: quantity]))
                } else {
                    worst = max(worst, maxRelativeError(x.dbzdt, y.dbzdt), maxRelativeError(x.bz, y.bz))
                }
            }
        }
        return worst
    }

    /// Doubling the number of periods summed changes no −dBz/dt gate by more than 1e-6 (measured 3e-9). Bz has a
    /// numerical floor of ~2e-6 here that does not shrink with more periods (the inverse transforms of S/s³ grow
    /// like √u over the earlier pulses while their alternating sum decays): it is checked at 1e-5.
    func testRepetitionSumConverges() throws {
        let w = try Waveform(times: Self.times, currents: Self.currents)
        let base = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: 10, moments: [Self.moment(waveform: w)]))
        let doubled = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: 10, moments: [
            Self.moment(waveform: w, periods: 2 * TEMMoment.defaultPeriods)]))
        let e = try relativeChange(base, doubled, models: Self.models(8, seed: 5))
        print(String(format: "repetition: %d vs %d periods: max rel change %.2e (dbzdt %.2e)", TEMMoment.defaultPeriods,
                     2 * TEMMoment.defaultPeriods, e, try relativeChange(base, doubled, models: Self.models(8, seed: 5), quantity: \.dbzdt)))
        XCTAssertLessThanOrEqual(try relativeChange(base, doubled, models: Self.models(8, seed: 5), quantity: \.dbzdt), 1e-6)
        XCTAssertLessThanOrEqual(e, 1e-5)
        // And the repetition matters: one period instead changes the late gates visibly.
        let one = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: 10, moments: [Self.moment(waveform: w, periods: 1)]))
        XCTAssertGreaterThan(try relativeChange(one, doubled, models: Self.models(2, seed: 5)), 1e-4)
    }

    /// The waveform given as a fine staircase of 4000+ vertices along the same straight segments equals the 16-vertex
    /// waveform to 1e-6 (the kinks of collinear vertices cancel): both quantities with AreaUnderCurve windows, and
    /// −dBz/dt with LinearTaper windows. Bz with LinearTaper (fourth antiderivative, terms growing like u³ that
    /// cancel across kinks) amplifies the rounding of the slopes to 1.6e-5: checked at 1e-4.
    func testFineVertexStaircaseEqualsFewVertices() throws {
        let coarse = try Waveform(times: Self.times, currents: Self.currents)
        var t: [Double] = [], c: [Double] = []
        for i in 0..<(Self.times.count - 1) {
            let pieces = i < 4 ? 400 : 300
            for k in 0..<pieces {
                let f = Double(k) / Double(pieces)
                t.append(Self.times[i] + f * (Self.times[i + 1] - Self.times[i]))
                c.append(Self.currents[i] + f * (Self.currents[i + 1] - Self.currents[i]))
            }
        }
        t.append(Self.times.last!)
        c.append(0)
        let fine = try Waveform(times: t, currents: c)
        XCTAssertGreaterThan(fine.times.count, 4000)
        for weighting in [WindowWeighting.areaUnderCurve, .linearTaper] {
            let a = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: 10, moments: [Self.moment(waveform: coarse, periods: 4, weighting: weighting)]))
            let b = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: 10, moments: [Self.moment(waveform: fine, periods: 4, weighting: weighting)]))
            let e = try relativeChange(a, b, models: Self.models(3, seed: 9))
            print(String(format: "staircase (%@): max rel diff %.2e (dbzdt %.2e)", weighting.rawValue, e,
                         try relativeChange(a, b, models: Self.models(3, seed: 9), quantity: \.dbzdt)))
            XCTAssertLessThanOrEqual(try relativeChange(a, b, models: Self.models(3, seed: 9), quantity: \.dbzdt), 1e-6)
            XCTAssertLessThanOrEqual(e, weighting == .linearTaper ? 1e-4 : 1e-6)
        }
    }
}
