import Grid
import XCTest
@testable import Plot

final class HillshadeTests: XCTestCase {
    let gt = GeoTransform(originX: 0, pixelWidth: 10, originY: 0, pixelHeight: -10)

    func testFlatGroundIsSinAltitude() {
        let s = Hillshade.compute(Grid(width: 5, height: 5, repeating: 100.0), geoTransform: gt)
        // GDAL: 1 + 254·sin(45°) = 180.6, /255
        XCTAssertEqual(Double(s[12]), (1 + 254 * sin(Double.pi / 4)) / 255, accuracy: 1e-6)
    }

    func testSlopeFacingTheLightIsBrighter() {
        // Ground rising towards the south-east faces north-west, towards the default 315° sun.
        let facingNW = Grid<Double>(width: 7, height: 7) { c, r in Double(c + r) * 5 }
        let facingSE = Grid<Double>(width: 7, height: 7) { c, r in -Double(c + r) * 5 }
        let flat = (1 + 254 * sin(Double.pi / 4)) / 255
        XCTAssertGreaterThan(Double(Hillshade.compute(facingNW, geoTransform: gt)[24]), flat)
        XCTAssertLessThan(Double(Hillshade.compute(facingSE, geoTransform: gt)[24]), flat)
    }

    func testGDALValueForAPlane() {
        // z = 10·col (a west-facing 45° slope): x = ((a+2d+g) − (c+2f+i))/(8·ewres) = −80/80 = −1, y = 0.
        // cang = (sin45 − (0 − (−1)·sin315·cos45)) / √2 = (0.7071 + 0.5)/1.4142 = 0.853553
        // (= the cosine between the plane normal (−1, 0, 1)/√2 and the sun vector (−0.5, 0.5, 0.7071)).
        let g = Grid<Double>(width: 3, height: 3) { c, _ in Double(c) * 10 }
        let s = Hillshade.compute(g, geoTransform: gt)
        XCTAssertEqual(Double(s[4]) * 255, 1 + 254 * 0.853553, accuracy: 1e-3)
    }

    func testNodataIsNaN() {
        var g = Grid(width: 3, height: 3, repeating: 1.0, nodata: -1)
        g[col: 1, row: 1] = -1
        XCTAssertTrue(Hillshade.compute(g, geoTransform: nil)[4].isNaN)
        XCTAssertFalse(Hillshade.compute(g, geoTransform: nil)[0].isNaN)
    }
}
