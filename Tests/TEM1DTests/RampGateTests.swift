import Foundation
import XCTest
@testable import TEM1D

final class RampGateTests: XCTestCase {
    let model = try! LayeredModel(resistivities: [100, 10, 300], thicknesses: [20, 30])
    let times = (0..<16).map { pow(10, -5 + 3 * Double($0) / 15) }   // 1e-5 ... 1e-2 s

    /// Gauss–Legendre (log time) boxcar average of t^(−5/2) vs the analytic average (2/3)(t1^−1.5 − t2^−1.5)/(t2 − t1).
    func testBoxcarOfPowerLaw() {
        for (t1, t2) in [(1e-5, 1.3e-5), (1e-4, 2e-4), (1e-3, 5e-3), (1e-6, 1e-4)] {
            let rule = GaussLegendre.logRule(from: t1, to: t2, order: 8)
            let q = rule.reduce(0) { $0 + $1.w * pow($1.t, -2.5) } / (t2 - t1)
            let exact = (2.0 / 3.0) * (pow(t1, -1.5) - pow(t2, -1.5)) / (t2 - t1)
            XCTAssertEqual(q / exact, 1, accuracy: t2 / t1 > 50 ? 1e-6 : 1e-12, "\(t1)...\(t2)")
        }
    }

    /// Boxcar gates through the modeller: mean of −dBz/dt over [t1, t2] must equal (Bz(t1) − Bz(t2))/(t2 − t1)
    /// computed from point samples of Bz (an exact identity; both sides computed independently).
    func testBoxcarGateIdentity() throws {
        let gates = times.map { Gate(open: $0, close: $0 * 1.25) }
        let gated = try ForwardModeller(system: TEMSystem(loopRadius: 30, gates: gates)).forward(model)
        let pts = try ForwardModeller(system: TEMSystem(loopRadius: 30, times: (times + times.map { $0 * 1.25 }).sorted())).forward(model)
        let bzAt = Dictionary(uniqueKeysWithValues: zip((times + times.map { $0 * 1.25 }).sorted(), pts.bz))
        for (i, g) in gates.enumerated() {
            let expected = (bzAt[g.open]! - bzAt[g.close]!) / (g.close - g.open)
            XCTAssertEqual(gated.dbzdt[i] / expected, 1, accuracy: 1e-4, "gate \(i)")
            // Gate average of bz lies between the end values (bz decreases monotonically).
            XCTAssertLessThan(gated.bz[i], bzAt[g.open]!)
            XCTAssertGreaterThan(gated.bz[i], bzAt[g.close]!)
        }
    }

    /// Linear ramp of duration τ: −dBz/dt_ramp(t) = (Bz_step(t) − Bz_step(t + τ))/τ exactly.
    func testRampIdentity() throws {
        let tau = 1e-4
        let t = Array(times.prefix(11))   // up to 1e-3 s
        let ramped = try ForwardModeller(system: TEMSystem(loopRadius: 30, times: t, rampTime: tau)).forward(model)
        let all = (t + t.map { $0 + tau }).sorted()
        let step = try ForwardModeller(system: TEMSystem(loopRadius: 30, times: all)).forward(model)
        let bzAt = Dictionary(uniqueKeysWithValues: zip(all, step.bz))
        for (i, ti) in t.enumerated() {
            let expected = (bzAt[ti]! - bzAt[ti + tau]!) / tau
            XCTAssertEqual(ramped.dbzdt[i] / expected, 1, accuracy: 1e-4, "t = \(ti)")
        }
    }

    /// τ → 0 converges to the step response, with error ∝ τ.
    func testRampToZeroConvergesToStep() throws {
        let step = try ForwardModeller(system: TEMSystem(loopRadius: 30, times: times)).forward(model)
        var previous = Double.infinity
        for tau in [1e-7, 1e-8, 1e-9] {
            let r = try ForwardModeller(system: TEMSystem(loopRadius: 30, times: times, rampTime: tau)).forward(model)
            let e = max(maxRelativeError(r.dbzdt, step.dbzdt), maxRelativeError(r.bz, step.bz))
            XCTAssertLessThan(e, previous / 5, "tau \(tau)")
            previous = e
        }
        XCTAssertLessThan(previous, 2e-4)
    }
}
