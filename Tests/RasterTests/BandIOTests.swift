import GeoSupport
import XCTest
import Grid
import TestSupport
@testable import Raster

final class BandIOTests: XCTestCase {
    var dir = ""

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("raster") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// A small file whose header claims 100,000² Float64 pixels (80 GB): reading it whole is refused in one
    /// line before anything is allocated; a window of it still reads.
    func testAHeaderClaimingAHugeSizeIsRefusedBeforeAllocation() throws {
        let path = "\(dir)/claims-huge.tif"
        let made = try TestSupport.run("gdal_create", ["-q", "-outsize", "100000", "100000", "-ot", "Float64",
                                                       "-co", "TILED=YES", "-co", "SPARSE_OK=TRUE", path])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertLessThan(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? .max, 5_000_000)
        let band = try Dataset.open(path).band(1)
        XCTAssertThrowsError(try band.read(Double.self)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("claims-huge.tif") && message.contains("100,000 × 100,000 pixels")
                          && message.contains("memory budget"), message)
        }
        XCTAssertEqual(try band.read(Double.self, window: Window(col: 0, row: 0, width: 10, height: 10)).values.count, 100)
    }

    /// Random values that span the type's range, including its extremes.
    private func randomGrid<T: RasterScalar>(_ type: T.Type, width: Int, height: Int, seed: UInt64,
                                             _ make: (UInt64) -> T) -> Grid<T> {
        var rng = SplitMix64(seed: seed)
        return Grid(width: width, height: height) { _, _ in make(rng.next()) }
    }

    private func roundTrip<T: RasterScalar>(_ grid: Grid<T>, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = "\(dir)/\(T.rasterDataType.rawValue).tif"
        // 300×200 with 128-px tiles: full blocks, partial right/bottom edge blocks.
        try RasterFile.write(grid, to: path, georeference: Georeference(geoTransform: .identity, crsWKT: nil),
                             creationOptions: ["BLOCKXSIZE": "128", "BLOCKYSIZE": "128"])
        let ds = try Dataset.open(path)
        let band = try ds.band(1)
        XCTAssertEqual(band.dataType, T.rasterDataType, file: file, line: line)
        XCTAssertEqual(band.blockSize.width, 128, file: file, line: line)
        let full = try band.read(T.self)
        XCTAssertEqual(full.values, grid.values, "full read of \(T.self)", file: file, line: line)
        var rng = SplitMix64(seed: 99)
        let windows = [Window(col: 120, row: 120, width: 20, height: 20),     // across 4 blocks
                       Window(col: 250, row: 150, width: 50, height: 50),     // partial edge block
                       Window(col: 0, row: 0, width: 300, height: 1)]
            + (0..<20).map { _ -> Window in
                let c = Int(rng.next() % 299), r = Int(rng.next() % 199)
                return Window(col: c, row: r, width: 1 + Int(rng.next() % UInt64(300 - c)),
                              height: 1 + Int(rng.next() % UInt64(200 - r)))
            }
        for w in windows {
            XCTAssertEqual(try band.read(T.self, window: w).values, grid.slice(w).values, "\(T.self) \(w)",
                           file: file, line: line)
        }
        // Whole-block reads (no cache, native type): the valid part of every block, edge blocks
        // included, equals the windowed read; a block read never converts.
        XCTAssertEqual(band.blockCount.columns, 3, file: file, line: line)
        XCTAssertEqual(band.blockCount.rows, 2, file: file, line: line)
        let block = UnsafeMutableBufferPointer<T>.allocate(capacity: 128 * 128)
        defer { block.deallocate() }
        for row in 0..<2 {
            for column in 0..<3 {
                try band.readBlock(column: column, row: row, into: block)
                let w = band.blockWindow(column: column, row: row)
                let valid = (0..<w.height).flatMap { r in (0..<w.width).map { c in block[r * 128 + c] } }
                XCTAssertEqual(valid, grid.slice(w).values, "block (\(column), \(row)) of \(T.self)", file: file, line: line)
            }
        }
        XCTAssertThrowsError(try band.readBlock(column: 3, row: 0, into: block), file: file, line: line)
        if T.self != Double.self {
            let wide = UnsafeMutableBufferPointer<Double>.allocate(capacity: 128 * 128)
            defer { wide.deallocate() }
            XCTAssertThrowsError(try band.readBlock(column: 0, row: 0, into: wide), file: file, line: line)
        }
        // Windowed write then read back.
        let patch = Grid<T>(width: 10, height: 7, repeating: grid.values[0])
        let upd = try Dataset.open(path, access: .update)
        try upd.band(1).write(patch, col: 125, row: 190)
        try upd.close()
        let after = try Dataset.open(path).band(1).read(T.self)
        var expected = grid
        expected.paste(patch, col: 125, row: 190)
        XCTAssertEqual(after.values, expected.values, "windowed write \(T.self)", file: file, line: line)
    }

    func testRoundTripEveryDataType() throws {
        let (w, h) = (300, 200)
        try roundTrip(randomGrid(UInt8.self, width: w, height: h, seed: 1) { UInt8(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(Int8.self, width: w, height: h, seed: 2) { Int8(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(UInt16.self, width: w, height: h, seed: 3) { UInt16(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(Int16.self, width: w, height: h, seed: 4) { Int16(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(UInt32.self, width: w, height: h, seed: 5) { UInt32(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(Int32.self, width: w, height: h, seed: 6) { Int32(truncatingIfNeeded: $0) })
        try roundTrip(randomGrid(Float.self, width: w, height: h, seed: 7) {
            Float(bitPattern: UInt32(truncatingIfNeeded: $0) & 0x7F7F_FFFF | ($0 & 1 == 0 ? 0 : 0x8000_0000))
        })
        try roundTrip(randomGrid(Double.self, width: w, height: h, seed: 8) { Double($0 >> 11) * 0x1p-40 - 1e3 })
    }

    func testGDALConvertsWhenTheRequestedTypeDiffers() throws {
        let path = "\(dir)/f.tif"
        let g = Grid<Float>(width: 4, height: 1, values: [-5.6, 1.4, 200.5, 300], nodata: nil)
        try RasterFile.write(g, to: path, georeference: Georeference(geoTransform: .identity, crsWKT: nil))
        let band = try Dataset.open(path).band(1)
        XCTAssertEqual(try band.read(UInt8.self).values, [0, 1, 201, 255], "rounded and clamped like GDALRasterIO")
        XCTAssertEqual(try band.read(Double.self).values, g.values.map(Double.init))
        XCTAssertEqual(try band.read(Int8.self).values, [-6, 1, 127, 127])
    }

    func testNodataAndScaleOffset() throws {
        let path = "\(dir)/n.tif"
        let g = Grid<Int16>(width: 3, height: 1, values: [10, -32768, 20], nodata: -32768)
        try RasterFile.write(g, to: path, georeference: Georeference(geoTransform: .identity, crsWKT: nil))
        let upd = try Dataset.open(path, access: .update)
        try upd.band(1).setScale(0.5, offset: 100)
        try upd.close()
        let band = try Dataset.open(path).band(1)
        XCTAssertEqual(band.nodata, -32768)
        XCTAssertEqual(try band.read(Int16.self).nodata, -32768)
        XCTAssertNil(try band.read(UInt8.self).nodata, "−32768 is not representable as UInt8")
        let phys = try band.readPhysical()
        XCTAssertEqual(phys.values[0], 105)
        XCTAssertTrue(phys.values[1].isNaN)
        XCTAssertEqual(phys.values[2], 110)
    }

    func testStatisticsExcludeNodataAndNaN() throws {
        let path = "\(dir)/s.tif"
        var rng = SplitMix64(seed: 4)
        var g = Grid<Float>(width: 333, height: 77, nodata: -9999) { _, _ in Float(rng.unit() * 50) }
        for i in stride(from: 0, to: g.count, by: 13) { g.values[i] = -9999 }
        for i in stride(from: 5, to: g.count, by: 29) { g.values[i] = .nan }
        try RasterFile.write(g, to: path, georeference: Georeference(geoTransform: .identity, crsWKT: nil),
                             creationOptions: ["BLOCKXSIZE": "64", "BLOCKYSIZE": "16"])
        let s = try Dataset.open(path).band(1).statistics()
        let valid = g.values.filter { !$0.isNaN && $0 != -9999 }.map(Double.init)
        XCTAssertEqual(s.validCount, valid.count)
        XCTAssertEqual(s.invalidCount, g.count - valid.count)
        XCTAssertEqual(s.minimum, valid.min()!)
        XCTAssertEqual(s.maximum, valid.max()!)
        XCTAssertEqual(s.mean, valid.reduce(0, +) / Double(valid.count), accuracy: 1e-9)
    }

    func testBlockWindowsInFileOrderCoverTheBand() throws {
        let band = try Dataset.open(TestSupport.fixture("dem_utm33n.tif")).band(1)
        let blocks = band.blockWindows()
        XCTAssertEqual(blocks.count, 4)
        XCTAssertEqual(blocks.map(\.pixelCount).reduce(0, +), 256 * 256)
        XCTAssertEqual(blocks[1], Window(col: 128, row: 0, width: 128, height: 128))
        let stripped = try Dataset.open(TestSupport.fixture("dem_wgs84_int16.tif")).band(1)
        XCTAssertEqual(stripped.blockWindows().first?.width, 200, "strips span the full width")
    }

    func testConcurrentReadsWithOwnHandlesAreIdentical() throws {
        let path = TestSupport.fixture("dem_utm33n.tif")
        let reference = try Dataset.open(path).band(1).read(Float.self)
        let results = ResultBox(count: 4)
        DispatchQueue.concurrentPerform(iterations: 4) { i in
            do {
                let ds = try Dataset.open(path)       // one handle per thread
                var sum: [Float] = []
                for _ in 0..<5 {
                    for w in try ds.band(1).blockWindows() { _ = try ds.band(1).read(Float.self, window: w) }
                    sum = try ds.band(1).read(Float.self).values
                }
                results.set(i, sum)
            } catch {
                results.set(i, [])
            }
        }
        for i in 0..<4 { XCTAssertEqual(results.get(i), reference.values, "thread \(i)") }
    }

    func testWindowOutsideBandIsAnError() throws {
        let band = try Dataset.open(TestSupport.fixture("dem_utm33n.tif")).band(1)
        XCTAssertThrowsError(try band.read(Float.self, window: Window(col: 250, row: 0, width: 10, height: 1))) {
            XCTAssertEqual(($0 as? RasterError)?.kind, .invalidArgument)
        }
    }
}

/// Collects per-thread results.
final class ResultBox: @unchecked Sendable {
    private var items: [[Float]]
    private let lock = NSLock()
    init(count: Int) { items = Array(repeating: [], count: count) }
    func set(_ i: Int, _ v: [Float]) { lock.lock(); items[i] = v; lock.unlock() }
    func get(_ i: Int) -> [Float] { lock.lock(); defer { lock.unlock() }; return items[i] }
}
