import XCTest
import Grid
import TestSupport
@testable import Raster

/// The gdalwarp-style transformer: rows transformed at once stay within gdalwarp's 0.125-pixel
/// approximation error of point-by-point (exact) transforms, and a copy rebuilt from the
/// blueprint (what each warp thread uses) gives the same bits.
final class WarpTransformerTests: XCTestCase {
    func testRowsAreWithinTheErrorThresholdAndBlueprintCopiesAgreeBitForBit() throws {
        let source = try Dataset.open(TestSupport.fixture("dem_utm33n.tif"))
        let target = try SpatialReference("EPSG:4326").wkt
        let grid = try Dataset.warpedGrid(source, arguments: ["-t_srs", target, "-r", "bilinear"])
        let transformer = try WarpTransformer(source: source, targetSRS: target,
                                              destinationGeoTransform: try XCTUnwrap(grid.geoTransform))
        let copy = try WarpTransformer(blueprint: try transformer.blueprint())
        let width = grid.width
        for row in stride(from: 0, to: grid.height, by: 17) {
            func transformRow(_ t: WarpTransformer) -> ([Double], [Double]) {
                var xs = (0..<width).map { Double($0) + 0.5 }, ys = [Double](repeating: Double(row) + 0.5, count: width)
                var zs = [Double](repeating: 0, count: width), ok = [Int32](repeating: 0, count: width)
                XCTAssertTrue(t.destinationToSource(count: width, x: &xs, y: &ys, z: &zs, success: &ok))
                return (xs, ys)
            }
            let (ax, ay) = transformRow(transformer), (bx, by) = transformRow(copy)
            XCTAssertEqual(ax.map(\.bitPattern), bx.map(\.bitPattern), "row \(row)")
            XCTAssertEqual(ay.map(\.bitPattern), by.map(\.bitPattern), "row \(row)")
            for i in stride(from: 0, to: width, by: 13) {
                // One point at a time: GDAL's approximate transformer transforms it exactly.
                var x = Double(i) + 0.5, y = Double(row) + 0.5, z = 0.0
                var ok: Int32 = 0
                XCTAssertTrue(transformer.destinationToSource(count: 1, x: &x, y: &y, z: &z, success: &ok))
                XCTAssertLessThanOrEqual(abs(x - ax[i]) + abs(y - ay[i]), WarpTransformer.defaultErrorThreshold,
                                         "row \(row) column \(i)")
            }
        }
    }
}
