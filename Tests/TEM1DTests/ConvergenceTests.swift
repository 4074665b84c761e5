import Foundation
import XCTest
@testable import TEM1D

final class ConvergenceTests: XCTestCase {
    /// Random 2–6-layer models (ρ 1–1000 Ω·m, h 1–100 m, a = 20 m): the default settings (Key 201, high
    /// contours) against a finer setting (Anderson 801, highest contours) must agree to 1e-4 at every gate — an estimate
    /// of the error on models outside the reference set.
    func testRandomModelsSelfConvergence() throws {
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        let system = try TEMSystem(loopRadius: 20, times: times)
        let env = ProcessInfo.processInfo.environment
        let coarse = try ForwardModeller(system: system,
                                         hankelFilter: env["TEM1D_FILTER"].flatMap(HankelFilter.init(rawValue:)) ?? .key201,
                                         accuracy: env["TEM1D_ACCURACY"].flatMap(TransformAccuracy.init(rawValue:)) ?? .high)
        let fine = try ForwardModeller(system: system, hankelFilter: .anderson801, accuracy: .highest)
        var rng = SeededGenerator(seed: 99)
        var worstDb = 0.0, worstBz = 0.0
        for _ in 0..<60 {
            let n = 2 + Int(rng.next() % 5)
            let model = try LayeredModel(resistivities: (0..<n).map { _ in pow(10, 3 * rng.nextUnit()) },
                                         thicknesses: (0..<(n - 1)).map { _ in pow(10, 2 * rng.nextUnit()) })
            let a = coarse.forward(model), b = fine.forward(model)
            if maxRelativeError(a.dbzdt, b.dbzdt) > 1e-4 {
                let i = (0..<30).max { abs(a.dbzdt[$0] / b.dbzdt[$0] - 1) < abs(a.dbzdt[$1] / b.dbzdt[$1] - 1) }!
                print("worst model", model, "gate", i, a.dbzdt[i] / b.dbzdt[i] - 1)
            }
            worstDb = max(worstDb, maxRelativeError(a.dbzdt, b.dbzdt))
            worstBz = max(worstBz, maxRelativeError(a.bz, b.bz))
        }
        print(String(format: "random models, default vs fine: dbzdt %.2e, bz %.2e", worstDb, worstBz))
        XCTAssertLessThanOrEqual(worstDb, 1e-4)
        XCTAssertLessThanOrEqual(worstBz, 1e-4)
    }
}
