import XCTest
import Ecostress
import Grid
import Raster
import TestSupport

/// Mask rules (tables) and their application to the fixture tiles, checked pixel by pixel
/// against the companion layers read directly.
final class EcostressMaskTests: XCTestCase {
    private let base = "ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_"

    func testRuleTable() {
        let qcOnly = EcostressMask(qc: .best)
        XCTAssertFalse(qcOnly.isMasked(qc: 0, layerValues: [], landCover: .nan))
        XCTAssertTrue(qcOnly.isMasked(qc: 1, layerValues: [], landCover: .nan))
        XCTAssertTrue(qcOnly.isMasked(qc: nil, layerValues: [], landCover: .nan), "unknown QC is not best")
        let nominal = EcostressMask(qc: .nominal)
        XCTAssertFalse(nominal.isMasked(qc: 0xC001, layerValues: [], landCover: .nan))
        XCTAssertTrue(nominal.isMasked(qc: 0x0002, layerValues: [], landCover: .nan))
        let layers = EcostressMask(layers: ["cloud", "water"])
        XCTAssertFalse(layers.isMasked(qc: nil, layerValues: [0, 0], landCover: .nan))
        XCTAssertTrue(layers.isMasked(qc: nil, layerValues: [1, 0], landCover: .nan))
        XCTAssertTrue(layers.isMasked(qc: nil, layerValues: [0, 1], landCover: .nan))
        XCTAssertTrue(layers.isMasked(qc: nil, layerValues: [.nan, 0], landCover: .nan), "nodata (255) masks")
        let forest = EcostressMask(landCover: LandCoverFilter(path: "lc.tif", classes: [3, 4, 5, 6]))
        XCTAssertFalse(forest.isMasked(qc: nil, layerValues: [], landCover: 3))
        XCTAssertFalse(forest.isMasked(qc: nil, layerValues: [], landCover: 6))
        XCTAssertTrue(forest.isMasked(qc: nil, layerValues: [], landCover: 15))
        XCTAssertTrue(forest.isMasked(qc: nil, layerValues: [], landCover: .nan))
        XCTAssertTrue(EcostressMask().isEmpty)
        XCTAssertFalse(EcostressMask().isMasked(qc: 3, layerValues: [], landCover: .nan))
    }

    func testGridFlagsMatchCompanionLayers() throws {
        let lst = TestSupport.fixture(base + "LST.tif")
        let qc = try RasterFile.read(TestSupport.fixture(base + "QC.tif"), as: UInt16.self).grid
        let cloud = try RasterFile.read(TestSupport.fixture(base + "cloud.tif"), as: UInt8.self).grid
        let water = try RasterFile.read(TestSupport.fixture(base + "water.tif"), as: UInt8.self).grid
        let flags = try EcostressMask(qc: .nominal, layers: ["cloud", "water"]).gridFlags(for: lst)
        var masked = 0
        for i in 0..<qc.count {
            let expected = (qc.values[i] & 3) > 1 || cloud.values[i] != 0 || water.values[i] != 0
            XCTAssertEqual(flags.values[i], expected, "pixel \(i)")
            if expected { masked += 1 }
        }
        XCTAssertGreaterThan(masked, 100, "the fixture has cloud, water and not-produced pixels")
        XCTAssertLessThan(masked, qc.count / 2)
        let best = try EcostressMask(qc: .best).gridFlags(for: lst)
        for i in 0..<qc.count { XCTAssertEqual(best.values[i], (qc.values[i] & 3) != 0) }
    }

    func testLandCoverFilterSamplesAnotherGrid() throws {
        let tmp = try TestSupport.temporaryDirectory("landcover")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        // A 35 m land-cover grid over the tile (2 × 2 land-cover pixels per tile pixel), class = 3 left, 15 right.
        let gt = GeoTransform(originX: 599_500, pixelWidth: 35, originY: 5_111_000, pixelHeight: -35)
        let lc = Grid<UInt8>(width: 256, height: 256, nodata: 0) { c, _ in c < 100 ? 3 : 15 }
        let lcPath = "\(tmp)/landcover.tif"
        try RasterFile.write(lc, to: lcPath, georeference: Georeference(geoTransform: gt, crsWKT: try SpatialReference(epsg: 32633).wkt1))
        let flags = try EcostressMask(landCover: LandCoverFilter(path: lcPath, classes: [3, 4, 5, 6]))
            .gridFlags(for: TestSupport.fixture(base + "LST.tif"))
        for r in [0, 64, 127] {
            for c in 0..<128 { XCTAssertEqual(flags[col: c, row: r], c >= 50, "tile pixel (\(c), \(r))") }
        }
        // Missing companion layers are named.
        XCTAssertThrowsError(try EcostressMask(layers: ["snow"]).gridFlags(for: TestSupport.fixture(base + "LST.tif"))) {
            XCTAssertTrue("\($0)".contains("snow"), "\($0)")
        }
    }

    func testPointFlagsAgreeWithGridFlags() throws {
        let lst = TestSupport.fixture(base + "LST.tif")
        let mask = EcostressMask(qc: .best, layers: ["cloud"])
        let grid = try mask.gridFlags(for: lst)
        let pixels = (0..<128).map { PixelIndex(col: ($0 * 37) % 128, row: $0) } as [PixelIndex?] + [nil]
        let flags = try mask.pointFlags(for: lst, pixels: pixels, xs: [], ys: [], crsWKT: nil)
        for (i, p) in pixels.enumerated() {
            if let p { XCTAssertEqual(flags[i], grid[col: p.col, row: p.row], "\(p)") } else { XCTAssertTrue(flags[i]) }
        }
    }

    func testCatalogOfFixtures() throws {
        let catalog = try EcostressCatalog(directory: TestSupport.repoRoot.appendingPathComponent("fixtures").path)
        XCTAssertEqual(catalog.granules.count, 3)
        XCTAssertEqual(catalog.products, ["L2T_LSTE"])
        XCTAssertEqual(catalog.dates, ["2023-07-12", "2023-08-05"])
        XCTAssertEqual(catalog.tiles, ["33N", "33TWL"])
        let c2 = catalog.granules.filter { $0.name.convention == .collection2 }
        XCTAssertEqual(c2.count, 2)
        for g in c2 {
            XCTAssertEqual(g.layers, ["LST", "QC", "cloud", "water"])
            XCTAssertEqual(g.missing, [])
        }
        let appeears = try XCTUnwrap(catalog.granules.first { $0.name.convention == .appeears })
        XCTAssertEqual(appeears.missing, ["QC", "cloud", "water"])
        XCTAssertTrue(catalog.unrecognized.contains { $0.fileName == "dem_utm33n.tif" })
    }
}
