import GeoSupport
import XCTest
@testable import Grid

final class GeoTransformTests: XCTestCase {
    func testPixelWorldRoundTripIncludingRotation() throws {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<200 {
            let gt = GeoTransform(originX: rng.unit() * 1e6, pixelWidth: 0.5 + rng.unit() * 100,
                                  rowRotation: (rng.unit() - 0.5) * 10, originY: rng.unit() * 1e7,
                                  colRotation: (rng.unit() - 0.5) * 10, pixelHeight: -(0.5 + rng.unit() * 100))
            let c = rng.unit() * 5000, r = rng.unit() * 5000
            let w = gt.world(col: c, row: r)
            let p = try XCTUnwrap(gt.pixel(x: w.x, y: w.y))
            XCTAssertEqual(p.col, c, accuracy: 1e-6)
            XCTAssertEqual(p.row, r, accuracy: 1e-6)
            let inv = try XCTUnwrap(gt.inverse)
            let back = try XCTUnwrap(inv.inverse)
            for (a, b) in zip(back.array, gt.array) { XCTAssertEqual(a, b, accuracy: 1e-6 * max(1, abs(b))) }
        }
    }

    func testNorthUpConventions() {
        let gt = GeoTransform(originX: 600_000, pixelWidth: 30, originY: 5_110_000, pixelHeight: -30)
        XCTAssertTrue(gt.isNorthUp)
        XCTAssertEqual(gt.center(col: 0, row: 0).x, 600_015)
        XCTAssertEqual(gt.center(col: 0, row: 0).y, 5_109_985)
        let b = gt.bounds(width: 256, height: 256)
        XCTAssertEqual(b.minX, 600_000); XCTAssertEqual(b.maxX, 607_680)
        XCTAssertEqual(b.minY, 5_102_320); XCTAssertEqual(b.maxY, 5_110_000)
        XCTAssertFalse(GeoTransform(originX: 0, pixelWidth: 1, rowRotation: 0.1, originY: 0, pixelHeight: -1).isNorthUp)
    }

    func testPixelIndexFloorsLikeGdallocationinfo() {
        let gt = GeoTransform(originX: 0, pixelWidth: 10, originY: 100, pixelHeight: -10)
        // A point on the corner shared by pixels (0,0),(1,0),(0,1),(1,1) belongs to (1,1).
        XCTAssertEqual(gt.pixelIndex(x: 10, y: 90)?.col, 1)
        XCTAssertEqual(gt.pixelIndex(x: 10, y: 90)?.row, 1)
        XCTAssertEqual(gt.pixelIndex(x: 9.999, y: 90.001)?.col, 0)
        XCTAssertEqual(gt.pixelIndex(x: -0.001, y: 50)?.col, -1)
    }

    func testDegenerateHasNoInverse() {
        XCTAssertNil(GeoTransform(originX: 0, pixelWidth: 0, originY: 0, pixelHeight: -1).inverse)
    }

    func testShiftedAndScaled() {
        let gt = GeoTransform(originX: 100, pixelWidth: 2, originY: 50, pixelHeight: -3)
        let s = gt.shifted(to: Window(col: 5, row: 4, width: 1, height: 1))
        XCTAssertEqual(s.originX, 110); XCTAssertEqual(s.originY, 38)
        let z = gt.scaled(byX: 4, y: 4)
        XCTAssertEqual(z.pixelWidth, 8); XCTAssertEqual(z.pixelHeight, -12); XCTAssertEqual(z.originX, 100)
    }
}
