import XCTest
import Grid
import Raster
import TestSupport
@testable import Resample

final class BlockAggregationTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("resample") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private let georef = Georeference(
        geoTransform: GeoTransform(originX: 500_000, pixelWidth: 10, originY: 4_000_000, pixelHeight: -10),
        crsWKT: try! SpatialReference(epsg: 32633).wkt1)

    private func writeInput(_ g: Grid<Float>, blocks: Int = 32) throws -> String {
        let path = "\(dir)/in.tif"
        try RasterFile.write(g, to: path, georeference: georef,
                             creationOptions: ["BLOCKXSIZE": "\(blocks)", "BLOCKYSIZE": "\(blocks)"])
        return path
    }

    func testFileAggregationMatchesKernelAndKeepsGeoreferencing() throws {
        let g = AggregationKernelTests.randomGrid(Float.self, width: 203, height: 157, seed: 5, nodata: -9999) {
            Float($0.unit() * 100)
        }
        let input = try writeInput(g)
        for method in AggregationMethod.allCases {
            var job = BlockAggregation(target: .factor(x: 8, y: 8), method: method)
            job.minValidFraction = 0.25
            let output = "\(dir)/out-\(method).tif"
            let summary = try job.run(input: input, output: output)
            XCTAssertGreaterThan(summary.strips, 1)
            let ds = try Dataset.open(output)
            XCTAssertEqual(ds.width, 26); XCTAssertEqual(ds.height, 20)
            XCTAssertEqual(ds.geoTransform, GeoTransform(originX: 500_000, pixelWidth: 80, originY: 4_000_000, pixelHeight: -80))
            XCTAssertEqual(try ds.spatialReference()?.authorityCode, 32633)
            XCTAssertNotNil(ds.metadataItem("GEOTOOL_AGGREGATION"))
            let band = try ds.band(1)
            if method == .count { XCTAssertNil(band.nodata) } else { XCTAssertTrue(band.nodata?.isNaN == true) }
            let got = try band.read(Double.self).values
            let kernel = try AggregationKernel(mapping: try CellMapping.factor(inputWidth: 203, inputHeight: 157, factorX: 8, factorY: 8),
                                               method: method, minValidFraction: 0.25)
            let expected = kernel.reduce(g).values.map { method == .sum || method == .count ? $0 : Double(Float($0)) }
            XCTAssertEqual(got.count, expected.count)
            for i in 0..<got.count {
                XCTAssertTrue(got[i] == expected[i] || (got[i].isNaN && expected[i].isNaN), "\(method) cell \(i): \(got[i]) vs \(expected[i])")
            }
        }
    }

    func testTinyQueuesAndOneWorkerGiveIdenticalOutput() throws {
        let g = AggregationKernelTests.randomGrid(Float.self, width: 300, height: 260, seed: 9, nodata: -9999) {
            Float($0.unit())
        }
        let input = try writeInput(g, blocks: 16)
        var outputs: [[Double]] = []
        for (workers, capacity) in [(1, 1), (2, 1), (2, 2), (4, 16)] {
            var job = BlockAggregation(target: .factor(x: 3, y: 3), method: .sum)
            job.workers = workers
            job.queueCapacity = capacity
            let path = "\(dir)/q\(workers)-\(capacity).tif"
            try job.run(input: input, output: path)
            outputs.append(try Dataset.open(path).band(1).read(Double.self).values)
        }
        for o in outputs.dropFirst() {
            XCTAssertTrue(zip(o, outputs[0]).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) })
        }
    }

    /// Strips cut by a tiny memory budget (not aligned to input blocks), output written in block
    /// rows of 16 (not aligned to strips), NaN and nodata in the input: the file equals the
    /// in-memory kernel, whatever the workers, queue and budget.
    func testStripBudgetAndOutputBlockRowsDoNotChangeTheResult() throws {
        var g = AggregationKernelTests.randomGrid(Float.self, width: 211, height: 199, seed: 21, nodata: -9999) {
            Float($0.unit() * 50 - 25)
        }
        for i in stride(from: 3, to: g.values.count, by: 97) { g.values[i] = .nan }
        let input = try writeInput(g, blocks: 32)
        for method in AggregationMethod.allCases {
            let mapping = try CellMapping.factor(inputWidth: 211, inputHeight: 199, factorX: 5, factorY: 3)
            let kernel = try AggregationKernel(mapping: mapping, method: method, minValidFraction: 0.4)
            let expected = kernel.reduce(g).values.map { method == .sum || method == .count ? $0 : Double(Float($0)) }
            for (workers, budget) in [(1, 0), (2, 211 * 4 * 3), (2, 211 * 4 * 12), (3, 1 << 20)] {
                var job = BlockAggregation(target: .factor(x: 5, y: 3), method: method)
                job.minValidFraction = 0.4
                job.workers = workers
                job.stripBudget = budget
                job.creationOptions = ["BLOCKXSIZE": "16", "BLOCKYSIZE": "16"]
                let path = "\(dir)/b-\(method)-\(workers)-\(budget).tif"
                let summary = try job.run(input: input, output: path)
                if budget == 211 * 4 * 3 { XCTAssertEqual(summary.strips, mapping.outputHeight) }             // 1 output row each
                if budget == 211 * 4 * 12 { XCTAssertEqual(summary.strips, (mapping.outputHeight + 1) / 2) } // 2 output rows each
                let got = try Dataset.open(path).band(1).read(Double.self).values
                XCTAssertEqual(got.count, expected.count)
                for i in 0..<got.count where !(got[i] == expected[i] || (got[i].isNaN && expected[i].isNaN)) {
                    XCTFail("\(method) workers \(workers) budget \(budget) cell \(i): \(got[i]) vs \(expected[i])")
                    break
                }
            }
        }
    }

    /// Blocks are reduced as stored (no de-tiling) only when no cell straddles two block columns
    /// and no two strips share a block row; otherwise strips are read row-major.
    func testBlockLayoutOnlyWhenCellsAndStripsFollowTheBlocks() throws {
        let job = BlockAggregation(target: .factor(x: 8, y: 8), method: .sum)
        let m8 = try CellMapping.factor(inputWidth: 203, inputHeight: 157, factorX: 8, factorY: 8)
        let strips8 = job.stripRanges(mapping: m8, blockHeight: 32)
        let layout = try XCTUnwrap(job.blockLayout(mapping: m8, strips: strips8, blockSize: (32, 32), elementSize: 4))
        XCTAssertEqual(layout.runs.count, 7)
        XCTAssertEqual(layout.runs.map(\.count).reduce(0, +), m8.columnRuns.count)
        XCTAssertNil(job.blockLayout(mapping: m8, strips: strips8, blockSize: (36, 32), elementSize: 4), "cells straddle blocks")
        let m3 = try CellMapping.factor(inputWidth: 203, inputHeight: 157, factorX: 4, factorY: 3)
        XCTAssertNil(job.blockLayout(mapping: m3, strips: job.stripRanges(mapping: m3, blockHeight: 32),
                                     blockSize: (32, 32), elementSize: 4), "strips of 63 rows share block rows")
        var small = job
        small.workers = 2
        small.stripBudget = 32 * 32 * 4
        XCTAssertNil(small.blockLayout(mapping: m8, strips: strips8, blockSize: (32, 32), elementSize: 4), "over budget")
    }

    /// The block-by-block path (factor 4 on 32² blocks, partial edge blocks, NaN and nodata)
    /// equals the in-memory kernel for every method, worker count and threshold.
    func testBlockPathEqualsKernel() throws {
        var g = AggregationKernelTests.randomGrid(Float.self, width: 150, height: 101, seed: 33, nodata: -9999) {
            Float($0.unit() * 40 - 20)
        }
        for i in stride(from: 5, to: g.values.count, by: 61) { g.values[i] = .nan }
        let input = try writeInput(g, blocks: 32)
        let mapping = try CellMapping.factor(inputWidth: 150, inputHeight: 101, factorX: 4, factorY: 4)
        for method in AggregationMethod.allCases {
            for (workers, fraction) in [(1, 0.0), (2, 0.5), (3, 0.9)] {
                var job = BlockAggregation(target: .factor(x: 4, y: 4), method: method)
                job.workers = workers
                job.minValidFraction = fraction
                let dataset = try Dataset.open(input)
                XCTAssertNotNil(job.blockLayout(mapping: mapping, strips: job.stripRanges(mapping: mapping, blockHeight: 32),
                                                blockSize: try dataset.band(1).blockSize, elementSize: 4))
                let path = "\(dir)/bp-\(method)-\(workers).tif"
                try job.run(input: input, output: path)
                let kernel = try AggregationKernel(mapping: mapping, method: method, minValidFraction: fraction)
                let expected = kernel.reduce(g).values.map { method == .sum || method == .count ? $0 : Double(Float($0)) }
                let got = try Dataset.open(path).band(1).read(Double.self).values
                XCTAssertEqual(got.count, expected.count)
                for i in 0..<got.count where !(got[i].bitPattern == expected[i].bitPattern || (got[i].isNaN && expected[i].isNaN)) {
                    XCTFail("\(method) workers \(workers) cell \(i): \(got[i]) vs \(expected[i])")
                    break
                }
            }
        }
    }

    /// Float output is compressed with the floating-point predictor unless the caller picks a
    /// predictor or no compression; integer (count) output is left alone.
    func testFloatingPointPredictorDefault() throws {
        let g = AggregationKernelTests.randomGrid(Float.self, width: 64, height: 64, seed: 3, nodata: -9999) { Float($0.unit()) }
        let input = try writeInput(g)
        func predictor(_ method: AggregationMethod, _ co: [String: String]) throws -> String? {
            var job = BlockAggregation(target: .factor(x: 4, y: 4), method: method)
            job.creationOptions = co
            let path = "\(dir)/p-\(method)-\(co.count).tif"
            try job.run(input: input, output: path)
            return try Dataset.open(path).metadataItem("PREDICTOR", domain: "IMAGE_STRUCTURE")
        }
        XCTAssertEqual(try predictor(.sum, [:]), "3")
        XCTAssertEqual(try predictor(.mean, ["PREDICTOR": "1"]), nil)
        XCTAssertEqual(try predictor(.max, ["COMPRESS": "NONE"]), nil)
        XCTAssertEqual(try predictor(.count, [:]), nil)
    }

    /// Without -co COMPRESS the output is stored like the input: uncompressed stays uncompressed,
    /// a lossless codec is kept (with the float predictor for float output), other formats get DEFLATE.
    func testOutputCompressionFollowsTheInput() throws {
        let g = AggregationKernelTests.randomGrid(Float.self, width: 64, height: 64, seed: 4, nodata: -9999) { Float($0.unit()) }
        func structure(_ inputOptions: [String: String], _ co: [String: String] = [:]) throws -> (String?, String?) {
            let input = "\(dir)/in-\(inputOptions.values.sorted().joined())-\(co.count).tif"
            try RasterFile.write(g, to: input, georeference: Georeference(geoTransform: .identity, crsWKT: nil),
                                 creationOptions: inputOptions)
            let output = "\(dir)/out-\(inputOptions.values.sorted().joined())-\(co.count).tif"
            var job = BlockAggregation(target: .factor(x: 4, y: 4), method: .sum)
            job.creationOptions = co
            try job.run(input: input, output: output)
            let ds = try Dataset.open(output)
            return (ds.compression, ds.metadataItem("PREDICTOR", domain: "IMAGE_STRUCTURE"))
        }
        let none = try structure(["COMPRESS": "NONE"])
        XCTAssertNil(none.0)
        XCTAssertNil(none.1)
        let lzw = try structure(["COMPRESS": "LZW"])
        XCTAssertEqual(lzw.0, "LZW")
        XCTAssertEqual(lzw.1, "3")
        let chosen = try structure(["COMPRESS": "NONE"], ["COMPRESS": "ZSTD"])
        XCTAssertEqual(chosen.0, "ZSTD")
    }

    func testAFailingReadLeavesNoOutput() throws {
        // A read failure in the middle of a real run (truncated input) → error, nothing at the output path.
        let g = Grid<Float>(width: 512, height: 512) { c, r in Float(c * r) }
        let input = try writeInput(g, blocks: 64)
        let data = try Data(contentsOf: URL(fileURLWithPath: input))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: input))   // IFD at the start survives
        let output = "\(dir)/never.tif"
        XCTAssertThrowsError(try BlockAggregation(target: .factor(x: 4, y: 4), method: .mean).run(input: input, output: output))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0 != "in.tif" }, [])
    }
}
