import Foundation
import XCTest
@testable import TEM1D

final class HalfSpaceTests: XCTestCase {
    static let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }

    /// The closed form (with the small-x series) against the 50-digit values in the reference file.
    func testClosedFormAgainst50DigitValues() throws {
        let ref = try ReferenceData.load()
        var n = 0, worst = 0.0
        for c in ref.cases {
            guard let ab = c.analytic_bz, let ad = c.analytic_dbzdt else { continue }
            n += 1
            let v = c.times_s.map { HalfSpace.stepOff(sigma: 1 / c.resistivity_ohm_m[0], loopRadius: c.loop_radius_m, time: $0) }
            worst = max(worst, maxRelativeError(v.map(\.bz), ab), maxRelativeError(v.map(\.dbzdt), ad))
        }
        XCTAssertEqual(n, 6)
        XCTAssertLessThanOrEqual(worst, 1e-12)
        print(String(format: "closed form vs 50-digit: %.2e", worst))
    }

    /// Series and closed form agree where both are accurate (x ≈ 1..2 straddles the switch).
    func testSeriesMatchesClosedFormNearSwitch() {
        let a = 10.0, sigma = 0.1
        for x in stride(from: 0.9, through: 1.1, by: 0.05) {
            // t from x = a·sqrt(μ0σ/(4t))
            let t = HalfSpace.mu0 * sigma * a * a / (4 * x * x)
            let v = HalfSpace.stepOff(sigma: sigma, loopRadius: a, time: t)
            let sp = Double.pi.squareRoot(), x2 = x * x
            let bz = HalfSpace.mu0 / (2 * a) * (3 / (sp * x) * exp(-x2) + (1 - 1.5 / x2) * erf(x))
            let db = 1 / (sigma * a * a * a) * (3 * erf(x) - 2 / sp * x * (3 + 2 * x2) * exp(-x2))
            XCTAssertEqual(v.bz / bz, 1, accuracy: 1e-12)
            XCTAssertEqual(v.dbzdt / db, 1, accuracy: 1e-11)
        }
    }

    /// Closed-form Laplace-domain half-space S(s) (README) run through the module's contour inversion (the same
    /// code the modeller uses, including the analytic-term subtraction) vs the Ward & Hohmann time-domain values:
    /// ρ ∈ {1, 10, 100, 1000} Ω·m × a ∈ {5, 20, 50} m × 30 gates, ≤ 1e-4 relative.
    func testLaplaceInversionOfHalfSpace() throws {
        let contours = try LaplaceContours(sampleTimes: Self.times, accuracy: .high)
        var worstDb = 0.0, worstBz = 0.0
        for rho in [1.0, 10, 100, 1000] {
            for a in [5.0, 20, 50] {
                let sigma = 1 / rho
                var S = contours.nodes.map { Self.halfSpaceLaplace(s: $0, sigma: sigma, a: a) }
                var db = [Double](repeating: 0, count: Self.times.count), bz = db
                S.withUnsafeMutableBufferPointer { sp in
                    db.withUnsafeMutableBufferPointer { dp in
                        bz.withUnsafeMutableBufferPointer { bp in
                            contours.invert(S: sp.baseAddress!, c1: -HalfSpace.mu0 * sigma * a / 8, sInfinity: -1 / (2 * a),
                                            sdb: dp.baseAddress!, sbz: bp.baseAddress!)
                        }
                    }
                }
                let exact = Self.times.map { HalfSpace.stepOff(sigma: sigma, loopRadius: a, time: $0) }
                worstDb = max(worstDb, maxRelativeError(db, exact.map(\.dbzdt)))
                worstBz = max(worstBz, maxRelativeError(bz, exact.map(\.bz)))
            }
        }
        print(String(format: "half-space via Laplace contour: max rel err dbzdt %.2e, bz %.2e", worstDb, worstBz))
        XCTAssertLessThanOrEqual(worstDb, 1e-4)
        XCTAssertLessThanOrEqual(worstBz, 1e-4)
    }

    /// Full modeller: H = 0 half-spaces against the closed form evaluated independently here, and a model whose
    /// layers all have the same resistivity must equal the half-space (the layered remainder must vanish).
    func testModellerHalfSpaceAndEqualLayers() throws {
        var worst = 0.0
        for rho in [1.0, 10, 100, 1000] {
            for a in [5.0, 20, 50] {
                let system = try TEMSystem(loopRadius: a, times: Self.times)
                let m = ForwardModeller.self
                let hs = try m.init(system: system).forward(LayeredModel(resistivities: [rho], thicknesses: []))
                let layered = try m.init(system: system).forward(LayeredModel(resistivities: [rho, rho, rho], thicknesses: [3, 40]))
                worst = max(worst, maxRelativeError(layered.dbzdt, hs.dbzdt), maxRelativeError(layered.bz, hs.bz))
                let sigma = 1 / rho
                for (i, t) in Self.times.enumerated() {
                    let x = (HalfSpace.mu0 * sigma / (4 * t)).squareRoot() * a
                    guard x > 2 else { continue }   // naive formula only where it has no cancellation
                    let sp = Double.pi.squareRoot(), x2 = x * x
                    let bz = HalfSpace.mu0 / (2 * a) * (3 / (sp * x) * exp(-x2) + (1 - 1.5 / x2) * erf(x))
                    XCTAssertEqual(hs.bz[i] / bz, 1, accuracy: 1e-12)
                }
            }
        }
        XCTAssertLessThanOrEqual(worst, 1e-7)   // rounding noise only: the remainder is ~1e-16 of the signal
    }

    /// Small-x limits stated in the README: Bz → μ0/(2a) at early times, −dBz/dt → 3ρ/a³ plateau is approached.
    func testEarlyTimeLimits() {
        let a = 20.0, sigma = 1.0
        let v = HalfSpace.stepOff(sigma: sigma, loopRadius: a, time: 1e-9)
        XCTAssertEqual(v.bz / (HalfSpace.mu0 / (2 * a)), 1, accuracy: 1e-3)
        XCTAssertEqual(v.dbzdt / (3 / (sigma * a * a * a)), 1, accuracy: 1e-3)
    }

    /// S(s) = [3 − (3 + 3x + x²)e^{−x}]/(x² a) − 1/(2a), x = a√(sμ0σ); power series for |x| < 0.5.
    static func halfSpaceLaplace(s: Complex, sigma: Double, a: Double) -> Complex {
        let x = (a * a * HalfSpace.mu0 * sigma * s).squareRoot
        if x.magnitude < 0.5 {
            // S = Σ_{n≥4} d_n x^{n−2} / a, d_n = −[3(−1)^n/n! + 3(−1)^{n−1}/(n−1)! + (−1)^{n−2}/(n−2)!]
            var acc = Complex.zero
            var xp = x * x   // x^{n-2} for n = 4
            for n in 4..<40 {
                func inv(_ k: Int) -> Double { (1...max(k, 1)).reduce(1.0) { $0 / Double($1) } }
                let sg = n % 2 == 0 ? 1.0 : -1.0
                let d = -(3 * sg * inv(n) - 3 * sg * inv(n - 1) + sg * inv(n - 2))
                acc = acc + d * xp
                xp = xp * x
            }
            return Complex(acc.re / a, acc.im / a)
        }
        let ex = Complex(-x.re, -x.im).exp
        let num = 3.0 - (Complex(3, 0) + 3.0 * x + x * x) * ex
        let v = num / (x * x * Complex(a, 0))
        return Complex(v.re - 1 / (2 * a), v.im)
    }
}
