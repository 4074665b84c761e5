import Foundation
import XCTest
@testable import TEM1D

/// A first-order receiver filter on a half-space against a direct time-domain convolution: y(t) = ∫_0^∞ ωc e^{−ωc x}
/// f(t − x) dx with the unfiltered signal f of a ramp-off pulse built from the closed-form half-space step response
/// (Ward & Hohmann, `HalfSpace.stepOff`), f(t) = (bz(t) − bz(t + τ))/τ after the ramp and −bz(t + τ)/τ during it;
/// window means by Gauss–Legendre in t, the convolution by Gauss–Legendre between the kinks. Independent of the
/// Laplace-domain filter transfer function, contours and Hankel sums.
final class InstrumentFilterTests: XCTestCase {
    func testFirstOrderFilterEqualsDirectConvolution() throws {
        let a = 12.0, rho = 30.0, tau = 5e-6, fc = 80_000.0
        let omega = 2 * Double.pi * fc
        let windows = (0..<10).map { pow(10, -5.7 + 2 * Double($0) / 9) }.map { Gate(open: $0, close: $0 * 1.25) }
        let waveform = try Waveform(times: [-100, -100 + 1e-3, -tau, 0], currents: [0, 1, 1, 0])
        let filtered = try TEMMoment(name: "f", waveform: waveform, baseFrequency: nil, windows: windows,
                                     filters: [LowPassFilter(cutoff: fc, order: 1)])
        let got = try InstrumentModeller(instrument: TEMInstrument(name: "t", loopRadius: a, moments: [filtered]))
            .forward(LayeredModel(resistivities: [rho], thicknesses: []))[0]
        let sigma = 1 / rho
        func bz(_ u: Double) -> Double { u > 0 ? HalfSpace.stepOff(sigma: sigma, loopRadius: a, time: u).bz : 0 }
        func f(_ t: Double) -> Double { (bz(t) - bz(t + tau)) / tau }   // valid for t > −τ (bz(u ≤ 0) = 0)
        let gl = GaussLegendre.rule(64)
        func integrate(_ lo: Double, _ hi: Double, _ g: (Double) -> Double) -> Double {
            // x = hi − (hi − lo)·r², r = (1 + v)/2, clusters the nodes at hi, where f(t − x) has a √ singularity in
            // its derivative (the half-space bz near u = 0+).
            var sum = 0.0
            for i in 0..<gl.nodes.count {
                let r = (1 + gl.nodes[i]) / 2
                sum += gl.weights[i] * g(hi - (hi - lo) * r * r) * (hi - lo) * r
            }
            return sum
        }
        func y(_ t: Double) -> Double {
            // x from 0 to ∞, split where t − x crosses the kinks 0 and −τ; beyond t + τ the signal is 0.
            let g = { (x: Double) in omega * exp(-omega * x) * f(t - x) }
            return integrate(0, t, g) + integrate(t, t + tau, g)
        }
        let tl = GaussLegendre.rule(24)
        for (i, w) in windows.enumerated() {
            var mean = 0.0
            for k in 0..<tl.nodes.count {
                let t = w.open + (w.close - w.open) * (1 + tl.nodes[k]) / 2
                mean += tl.weights[k] / 2 * y(t)
            }
            XCTAssertEqual(got.dbzdt[i] / mean, 1, accuracy: 1e-4, "window \(i) \(w)")
        }
    }
}
