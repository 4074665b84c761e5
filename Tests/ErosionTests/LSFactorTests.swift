import Foundation
import XCTest
import Grid
@testable import Erosion

final class LSFactorTests: XCTestCase {
    func testMcCoolFormulas() {
        let theta = atan(0.05)
        XCTAssertEqual(LSFactor.steepness(theta: theta), 10.8 * sin(theta) + 0.03, accuracy: 1e-12)
        let steep = atan(0.2)
        XCTAssertEqual(LSFactor.steepness(theta: steep), 16.8 * sin(steep) - 0.5, accuracy: 1e-12)
        let b = (sin(steep) / 0.0896) / (3 * pow(sin(steep), 0.8) + 0.56)
        XCTAssertEqual(LSFactor.exponentM(theta: steep), b / (1 + b), accuracy: 1e-12)
        XCTAssertEqual(LSFactor.exponentM(theta: 0), 0)
    }

    /// On an east-dipping plane with D8 (all flow east), cell column c has slope length
    /// λ_in = c·D and λ_out = (c+1)·D, so Desmet & Govers reduce to
    /// L = (λ_out^(m+1) − λ_in^(m+1)) / (D · 22.13^m), LS = L·S, A = R·K·LS·C·P.
    func testLSAndRUSLEOnAUniformPlane() throws {
        let d = 10.0, tanT = 0.12
        let g = try CellGeometry(dx: d, dy: d)
        let dem = Grid<Double>(width: 12, height: 7) { c, _ in 500 - tanT * d * Double(c) }
        let t = try Terrain(dem: dem, geometry: g)
        let theta = atan(tanT)
        let m = LSFactor.exponentM(theta: theta), s = 16.8 * sin(theta) - 0.5
        let risk = try RiskClassification()
        let base = FactorValues([.R: .scalar(500), .K: .scalar(0.03), .C: .scalar(0.2), .P: .scalar(1)])
        let result = try t.evaluate(try Scenario(name: "b").resolved(base: base), risk: risk)
        for r in 1..<6 {
            for c in 0..<12 {
                let lin = Double(c) * d, lout = Double(c + 1) * d
                let L = (pow(lout, m + 1) - pow(lin, m + 1)) / (d * pow(22.13, m))
                XCTAssertEqual(Double(t.ls[col: c, row: r]), L * s, accuracy: 1e-4 * L * s, "LS at \(r),\(c)")
                XCTAssertEqual(Double(result.soilLoss[col: c, row: r]), 500 * 0.03 * 0.2 * L * s, accuracy: 1e-3 * L * s)
            }
        }
    }
}
