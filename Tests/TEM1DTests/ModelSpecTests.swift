import GeoSupport
import Foundation
import XCTest
@testable import TEM1D

final class ModelSpecTests: XCTestCase {
    func testGridCountsOrderAndSpacing() throws {
        let spec = ModelSpec(resistivities: [.logspace(from: 1, to: 1000, count: 4), .values([5, 50])],
                             thicknesses: [.linspace(from: 10, to: 30, count: 3)], mode: .grid)
        XCTAssertEqual(try spec.count(), 24)
        let models = try spec.expand()
        XCTAssertEqual(models.count, 24)
        XCTAssertEqual(models[0].resistivities, [1, 5]); XCTAssertEqual(models[0].thicknesses, [10])
        XCTAssertEqual(models[1].thicknesses, [20])            // last parameter varies fastest
        XCTAssertEqual(models[3].resistivities, [1, 50])
        XCTAssertEqual(models[6].resistivities[0], 10, accuracy: 1e-12)
        XCTAssertEqual(models[23].resistivities, [1000, 50]); XCTAssertEqual(models[23].thicknesses, [30])
        XCTAssertEqual(Set(models).count, 24)
    }

    func testSweepOneAtATime() throws {
        let spec = ModelSpec(resistivities: [.values([100, 10, 1]), .fixed(20)],
                             thicknesses: [.linspace(from: 5, to: 15, count: 3)], mode: .sweep)
        let models = try spec.expand()
        XCTAssertEqual(models.count, 5)
        XCTAssertEqual(models.map(\.resistivities), [[100, 20], [10, 20], [1, 20], [100, 20], [100, 20]])
        XCTAssertEqual(models.map(\.thicknesses), [[5], [5], [5], [10], [15]])
    }

    func testMonteCarloDeterministicAndInRange() throws {
        let spec = ModelSpec(resistivities: [.logUniform(low: 1, high: 1000), .uniform(low: 5, high: 6), .logNormal(log10Mean: 2, log10SD: 0.3)],
                             thicknesses: [.fixed(10), .normal(mean: 50, sd: 5)],
                             mode: .monteCarlo(count: 2000, seed: 42))
        let a = try spec.expand(), b = try spec.expand()
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.count, 2000)
        var other = spec
        other.mode = .monteCarlo(count: 2000, seed: 43)
        XCTAssertNotEqual(try other.expand(), a)
        XCTAssertTrue(a.allSatisfy { (1..<1000).contains($0.resistivities[0]) && (5..<6).contains($0.resistivities[1]) && $0.thicknesses[0] == 10 })
        // Statistics of the draws (loose but able to fail): mean log10 ρ1 ≈ 1.5, mean h2 ≈ 50, sd ≈ 5.
        let l = a.map { log10($0.resistivities[0]) }
        XCTAssertEqual(l.reduce(0, +) / 2000, 1.5, accuracy: 0.06)
        let h = a.map { $0.thicknesses[1] }
        let mean = h.reduce(0, +) / 2000
        let sd = (h.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1999).squareRoot()
        XCTAssertEqual(mean, 50, accuracy: 0.4)
        XCTAssertEqual(sd, 5, accuracy: 0.3)
        // Pin the stream so a change of generator or draw order is noticed.
        var pinned = SeededGenerator(seed: 42)
        _ = pinned.next()
        XCTAssertEqual(a[0].resistivities[1], 5 + pinned.nextUnit(), accuracy: 0)
    }

    func testGeneratorKnownValues() {
        // xoshiro256** seeded by SplitMix64(0): SplitMix64's first output from state 0 is 0xE220A8397B1DCDAF.
        var rng = SeededGenerator(seed: 0)
        let first = rng.next()
        var rng2 = SeededGenerator(seed: 0)
        XCTAssertEqual(first, rng2.next())
        XCTAssertNotEqual(first, rng.next())
        var seeder = SplitMix64(seed: 0)
        XCTAssertEqual(seeder.next(), 0xE220_A839_7B1D_CDAF)
    }

    func testSpecErrors() {
        XCTAssertThrowsError(try ModelSpec(resistivities: [.uniform(low: 1, high: 2)], thicknesses: [], mode: .grid).expand())
        XCTAssertThrowsError(try ModelSpec(resistivities: [.fixed(1), .fixed(2)], thicknesses: [], mode: .grid).expand())
        XCTAssertThrowsError(try ModelSpec(resistivities: [.normal(mean: 1, sd: 10)], thicknesses: [],
                                           mode: .monteCarlo(count: 100, seed: 1)).expand()) { e in
            XCTAssertTrue("\(e)".contains("model "), "\(e)")
        }
        XCTAssertThrowsError(try ModelSpec(resistivities: [.linspace(from: -1, to: 1, count: 3)], thicknesses: [], mode: .grid).expand())
    }
}
