import Foundation
import XCTest
@testable import TEM1D

final class HeightTests: XCTestCase {
    /// The H > 0 code path (full r_TE with e^{−2λH}, no closed-form split) must join the H = 0 path
    /// continuously: at H = 5 cm the response differs from H = 0 by a small, smooth amount.
    func testSmallHeightJoinsSurfacePath() throws {
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        let model = try LayeredModel(resistivities: [30, 300, 3], thicknesses: [2, 120])
        let surface = try ForwardModeller(system: TEMSystem(loopRadius: 25, height: 0, times: times)).forward(model)
        let lifted = try ForwardModeller(system: TEMSystem(loopRadius: 25, height: 0.05, times: times)).forward(model)
        let e = max(maxRelativeError(lifted.dbzdt, surface.dbzdt), maxRelativeError(lifted.bz, surface.bz))
        print(String(format: "H = 5 cm vs H = 0: max rel diff %.2e", e))
        XCTAssertLessThan(e, 2e-2)
    }

    /// Early-time limit: Bz → μ0 a² / (2 (a² + 4H²)^{3/2}) (image of the loop in a perfect conductor). With
    /// ρ = 1e-4 Ω·m at 1 ns the diffusion length √(2t/μ0σ) ≈ 0.4 mm, which shifts the image by ~1e-4 relative.
    func testEarlyTimeImageLimit() throws {
        let model = try LayeredModel(resistivities: [1e-4], thicknesses: [])
        for (a, h) in [(20.0, 30.0), (10.0, 5.0)] {
            let r = try ForwardModeller(system: TEMSystem(loopRadius: a, height: h, times: [1e-9])).forward(model)
            let limit = HalfSpace.mu0 * a * a / (2 * pow(a * a + 4 * h * h, 1.5))
            XCTAssertEqual(r.bz[0] / limit, 1, accuracy: 1e-3)
        }
    }
}
