import GeoSupport
import Foundation
import XCTest
@testable import TEM1D
import TEM1DKernel

/// The C kernel (`TEM1DKernel`): its vector exp/sincos against Foundation, and its two instruction-set variants
/// against each other on random models.
final class KernelTests: XCTestCase {
    func testExpAndSinCosAgainstFoundation() {
        var rng = SeededGenerator(seed: 5)
        var worstExp = 0.0, worstSin = 0.0
        for _ in 0..<200_000 {
            let x = -60 * rng.nextUnit()
            worstExp = max(worstExp, abs(tem1d_fast_exp(x) / Foundation.exp(x) - 1))
            let y = (rng.nextUnit() - 0.5) * 2e4
            var s = 0.0, c = 0.0
            tem1d_fast_sincos(y, &s, &c)
            worstSin = max(worstSin, abs(s - sin(y)), abs(c - cos(y)))
        }
        XCTAssertLessThan(worstExp, 2e-15)
        XCTAssertLessThan(worstSin, 2e-15)
        XCTAssertEqual(tem1d_fast_exp(0), 1)
        var s = 1.0, c = 0.0
        tem1d_fast_sincos(0, &s, &c)
        XCTAssertEqual(c, 1)
        XCTAssertEqual(s, 0)
    }

    /// AVX2 + FMA and the generic build differ only by rounding (FMA): ≤ 1e-9 relative at every gate of 200 random
    /// 2–6-layer models, on and above the ground. On a CPU without AVX2 both runs use the generic kernel.
    func testInstructionSetVariantsAgree() throws {
        var rng = SeededGenerator(seed: 11)
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        for height in [0.0, 30.0] {
            let modeller = try ForwardModeller(system: TEMSystem(loopRadius: 20, height: height, times: times))
            let models: [LayeredModel] = try (0..<100).map { _ in
                let k = 2 + Int(rng.next() % 5)
                return try LayeredModel(resistivities: (0..<k).map { _ in pow(10, 3 * rng.nextUnit()) },
                                        thicknesses: (0..<(k - 1)).map { _ in pow(10, 2 * rng.nextUnit()) })
            }
            let automatic = modeller.forward(models)
            TEM1DKernelInfo.forceGeneric(true)
            let generic = modeller.forward(models)
            TEM1DKernelInfo.forceGeneric(false)
            var worst = 0.0
            for (a, g) in zip(automatic, generic) {
                for i in a.dbzdt.indices {
                    worst = max(worst, abs(a.dbzdt[i] / g.dbzdt[i] - 1), abs(a.bz[i] / g.bz[i] - 1))
                }
            }
            XCTAssertLessThan(worst, 1e-9, "height \(height), kernel \(TEM1DKernelInfo.instructionSet)")
        }
        XCTAssertTrue(["avx2+fma", "generic"].contains(TEM1DKernelInfo.instructionSet))
    }

    /// More layers than the kernel keeps on the stack (64): 199 equal 0.5 m layers over a half-space are the same earth
    /// as one 99.5 m layer, so both must give the same response.
    func testManyLayersEqualTheMergedModel() throws {
        let times = (0..<30).map { pow(10, -6 + 4 * Double($0) / 29) }
        let modeller = try ForwardModeller(system: TEMSystem(loopRadius: 20, times: times))
        let split = try LayeredModel(resistivities: Array(repeating: 100, count: 199) + [10],
                                     thicknesses: Array(repeating: 0.5, count: 199))
        let merged = try LayeredModel(resistivities: [100, 10], thicknesses: [99.5])
        let a = modeller.forward(split), b = modeller.forward(merged)
        for i in times.indices {
            XCTAssertEqual(a.dbzdt[i] / b.dbzdt[i], 1, accuracy: 1e-6, "gate \(i)")
            XCTAssertEqual(a.bz[i] / b.bz[i], 1, accuracy: 1e-6, "gate \(i)")
        }
    }
}
