import GeoSupport
import XCTest
import Grid
import Raster
@testable import Resample

final class AggregationKernelTests: XCTestCase {
    /// A random grid with a nodata value and NaN/nodata blobs.
    static func randomGrid<T: RasterScalar>(_: T.Type, width: Int, height: Int, seed: UInt64,
                                            nodata: T?, make: (inout SplitMix64) -> T) -> Grid<T> {
        var rng = SplitMix64(seed: seed)
        var g = Grid<T>(width: width, height: height, nodata: nodata) { _, _ in make(&rng) }
        let blobs = Int(rng.next() % 4)
        for _ in 0..<blobs {
            let cx = Int(rng.next() % UInt64(width)), cy = Int(rng.next() % UInt64(height))
            let radius = 1 + Int(rng.next() % 6)
            for r in max(0, cy - radius)..<min(height, cy + radius) {
                for c in max(0, cx - radius)..<min(width, cx + radius) {
                    if let nd = nodata { g[col: c, row: r] = nd } else if let nan = T(exactValue: .nan) { g[col: c, row: r] = nan }
                }
            }
        }
        return g
    }

    private func check<T: RasterScalar>(_ g: Grid<T>, factor: (Int, Int), edge: EdgePolicy, method: AggregationMethod,
                                        threshold: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let mapping = try CellMapping.factor(inputWidth: g.width, inputHeight: g.height,
                                             factorX: factor.0, factorY: factor.1, edge: edge)
        let kernel = try AggregationKernel(mapping: mapping, method: method, minValidFraction: threshold)
        let fast = kernel.reduce(g)
        let expected = AggregationReference.aggregate(
            values: g.values.map(\.doubleValue), width: g.width, height: g.height, nodata: g.nodata?.doubleValue,
            outputWidth: mapping.outputWidth, outputHeight: mapping.outputHeight, method: method.rawValue,
            minValidFraction: threshold) { c, r in
                let oc = c / factor.0, or = r / factor.1
                return oc < mapping.outputWidth && or < mapping.outputHeight ? (oc, or) : nil
            }
        XCTAssertEqual(fast.values.count, expected.count, file: file, line: line)
        for i in 0..<expected.count {
            let a = fast.values[i], b = expected[i]
            // Same order of summation (row-major within a cell) → bit-identical Float64 results.
            XCTAssertTrue(a == b || (a.isNaN && b.isNaN),
                          "\(T.self) \(method) factor \(factor) edge \(edge) thr \(threshold) cell \(i): \(a) vs \(b)",
                          file: file, line: line)
            if !(a == b || (a.isNaN && b.isNaN)) { return }
        }
    }

    func testEveryTypeMethodFactorAndThresholdAgainstSlowReference() throws {
        var seed: UInt64 = 1
        let sizes = [(37, 29), (64, 48)]
        for (w, h) in sizes {
            for method in AggregationMethod.allCases {
                for factor in [(2, 2), (3, 5), (7, 7), (16, 16), (16, 3)] {
                    for threshold in [0.0, 0.5, 0.9] {
                        for edge in EdgePolicy.allCases {
                            seed += 1
                            try check(Self.randomGrid(UInt8.self, width: w, height: h, seed: seed, nodata: 0) { UInt8(truncatingIfNeeded: $0.next()) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(Int8.self, width: w, height: h, seed: seed, nodata: -128) { Int8(truncatingIfNeeded: $0.next()) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(UInt16.self, width: w, height: h, seed: seed, nodata: 65535) { UInt16(truncatingIfNeeded: $0.next()) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(Int16.self, width: w, height: h, seed: seed, nodata: -32768) { Int16(truncatingIfNeeded: $0.next()) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(UInt32.self, width: w, height: h, seed: seed, nodata: 7) { UInt32(truncatingIfNeeded: $0.next() % 16) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(Int32.self, width: w, height: h, seed: seed, nodata: nil) { Int32(truncatingIfNeeded: $0.next()) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(Float.self, width: w, height: h, seed: seed, nodata: -9999) { Float($0.unit() * 1000 - 500) },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                            try check(Self.randomGrid(Double.self, width: w, height: h, seed: seed, nodata: nil) { $0.unit() * 1e6 },
                                      factor: factor, edge: edge, method: method, threshold: threshold)
                        }
                    }
                }
            }
        }
    }

    /// The streaming path: strips of output rows reduced one after another into caller buffers with
    /// one reused `Scratch` (as a worker does), on random rasters with nodata, NaN, ±0, ±∞ and edge
    /// cells, must equal the slow reference bit for bit.
    func testStripwiseReductionWithReusedScratchMatchesReference() throws {
        try stripwiseReductionMatchesReference(vectorSum: true)
    }

    private func stripwiseReductionMatchesReference(vectorSum: Bool) throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<60 {
            let w = 1 + Int(rng.next() % 90), h = 1 + Int(rng.next() % 70)
            let fx = 1 + Int(rng.next() % 12), fy = 1 + Int(rng.next() % 12)
            let edge: EdgePolicy = trial % 3 == 0 ? .drop : .keep
            guard let mapping = try? CellMapping.factor(inputWidth: w, inputHeight: h, factorX: fx, factorY: fy, edge: edge)
            else { continue }
            let nodata: Float? = trial % 4 == 0 ? nil : -9999
            var g = Self.randomGrid(Float.self, width: w, height: h, seed: UInt64(trial) + 500, nodata: nodata) {
                Float($0.unit() * 2000 - 1000)
            }
            // Sprinkle specials: NaN, nodata, signed zeros, huge and tiny magnitudes.
            for _ in 0..<(w * h / 10) {
                let i = Int(rng.next() % UInt64(w * h))
                switch rng.next() % 6 {
                case 0: g.values[i] = .nan
                case 1: g.values[i] = nodata ?? .nan
                case 2: g.values[i] = -0.0
                case 3: g.values[i] = 0
                case 4: g.values[i] = 3e38
                default: g.values[i] = 1e-30
                }
            }
            for method in AggregationMethod.allCases {
                let threshold = [0.0, 0.3, 1.0][trial % 3]
                var kernel = try AggregationKernel(mapping: mapping, method: method, minValidFraction: threshold)
                kernel.usesVectorSum = vectorSum && AggregationKernel.vectorSumAvailable
                let expected = AggregationReference.aggregate(
                    values: g.values.map(\.doubleValue), width: w, height: h, nodata: g.nodata?.doubleValue,
                    outputWidth: mapping.outputWidth, outputHeight: mapping.outputHeight, method: method.rawValue,
                    minValidFraction: threshold) { c, r in
                        let oc = c / fx, or = r / fy
                        return oc < mapping.outputWidth && or < mapping.outputHeight ? (oc, or) : nil
                    }
                var scratch = AggregationKernel.Scratch()
                var got = [Double](repeating: 12345, count: mapping.outputWidth * mapping.outputHeight)
                var top = 0
                while top < mapping.outputHeight {
                    let n = min(mapping.outputHeight - top, 1 + Int(rng.next() % 4))
                    let outRows = top..<(top + n)
                    let inRows = mapping.inputRows(feeding: outRows)
                    let ow = mapping.outputWidth
                    g.values.withUnsafeBufferPointer { v in
                        got.withUnsafeMutableBufferPointer { out in
                            kernel.reduce(UnsafeBufferPointer(rebasing: v[(inRows.lowerBound * w)..<(inRows.upperBound * w)]),
                                          inputRows: inRows, inputNodata: g.nodata?.doubleValue, outputRows: outRows,
                                          into: UnsafeMutableBufferPointer(rebasing: out[(top * ow)..<((top + n) * ow)]),
                                          scratch: &scratch)
                        }
                    }
                    top += n
                }
                for i in 0..<expected.count {
                    let a = got[i], b = expected[i]
                    XCTAssertTrue(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN),
                                  "trial \(trial) \(w)×\(h) f \(fx)×\(fy) \(method) thr \(threshold) cell \(i): \(a) vs \(b)")
                    if !(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN)) { return }
                }
            }
        }
    }

    /// The same with Float32 sums on the Swift loops instead of the AVX2 kernel (CPUs without AVX2):
    /// both paths give the reference's bits.
    func testStripwiseReductionWithoutTheVectorKernel() throws {
        try stripwiseReductionMatchesReference(vectorSum: false)
    }

    /// A nodata value the pixel type cannot hold marks no pixel invalid (only NaN is).
    func testUnrepresentableNodataMarksNothing() throws {
        let g = Grid<Float>(width: 4, height: 2, values: [0.1, 1, 2, 3, .nan, 5, 6, 7])
        let m = try CellMapping.factor(inputWidth: 4, inputHeight: 2, factorX: 2, factorY: 2)
        let k = try AggregationKernel(mapping: m, method: .count)
        let out = g.values.withUnsafeBufferPointer {
            k.reduce($0, inputRows: 0..<2, inputNodata: 0.1, outputRows: 0..<1)
        }
        XCTAssertEqual(out, [3, 4])
    }

    func testTargetResolutionAssignsPixelsByCentre() throws {
        let gt = GeoTransform(originX: 1000, pixelWidth: 70, originY: 9000, pixelHeight: -70)
        let g = Self.randomGrid(Float.self, width: 53, height: 41, seed: 77, nodata: nil) { Float($0.unit()) }
        for (tx, ty) in [(220.0, 166.0), (2200.0, 1660.0), (140.0, 140.0), (333.3, 91.7)] {
            for edge in EdgePolicy.allCases {
                let m = try CellMapping.target(input: gt, inputWidth: g.width, inputHeight: g.height,
                                               resolutionX: tx, resolutionY: ty, edge: edge)
                let out = try XCTUnwrap(m.outputGeoTransform)
                let kernel = try AggregationKernel(mapping: m, method: .mean, minValidFraction: 0.5)
                let fast = kernel.reduce(g).values
                let expected = AggregationReference.aggregate(
                    values: g.values.map(Double.init), width: g.width, height: g.height, nodata: nil,
                    outputWidth: m.outputWidth, outputHeight: m.outputHeight, method: "mean", minValidFraction: 0.5) { c, r in
                        let p = gt.center(col: c, row: r)
                        let oc = Int(((p.x - out.originX) / tx).rounded(.down))
                        let or = Int(((out.originY - p.y) / ty).rounded(.down))
                        return oc >= 0 && or >= 0 && oc < m.outputWidth && or < m.outputHeight ? (oc, or) : nil
                    }
                for i in 0..<expected.count {
                    XCTAssertTrue(fast[i] == expected[i] || (fast[i].isNaN && expected[i].isNaN), "\(tx)×\(ty) cell \(i)")
                }
            }
        }
    }

    func testInvalidOptions() {
        XCTAssertThrowsError(try CellMapping.factor(inputWidth: 10, inputHeight: 10, factorX: 0, factorY: 2))
        XCTAssertThrowsError(try CellMapping.factor(inputWidth: 3, inputHeight: 3, factorX: 4, factorY: 4, edge: .drop))
        let m = try! CellMapping.factor(inputWidth: 4, inputHeight: 4, factorX: 2, factorY: 2)
        XCTAssertThrowsError(try AggregationKernel(mapping: m, method: .sum, minValidFraction: 1.5)) {
            XCTAssertTrue("\($0)".hasPrefix("minimum valid fraction: must be within 0…1"), "\($0)")
        }
    }
}
