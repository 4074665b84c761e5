import XCTest
import Foundation
import Grid
import Raster
import TestSupport

/// `geotool erosion derive|run` and `geotool evolve`, run as processes on the fixture DEM.
final class ErosionCommandTests: XCTestCase {
    private let dem = TestSupport.fixture("dem_utm33n.tif")
    private let terrasim = TestSupport.fixture("scenarios/terrasim.yaml")

    private func files(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted()
    }

    func testDeriveWritesGeoreferencedLayersWithProvenance() throws {
        let out = try TestSupport.temporaryDirectory("erosion-derive")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TestSupport.geotool(["erosion", "derive", dem, "--out", out, "--jobs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(out), ["accumulation.tif", "aspect.tif", "contributing_area.tif", "filled.tif",
                                    "flowdir.tif", "ls.tif", "slope.tif"])
        let ds = try Dataset.open("\(out)/flowdir.tif")
        XCTAssertEqual(try ds.band(1).dataType, .uint8)
        XCTAssertTrue(ds.metadataItem("GEOTOOL_COMMAND")?.contains("erosion derive") ?? false)
        XCTAssertNotNil(ds.crsWKT)
        let src = try Dataset.open(dem)
        XCTAssertEqual(ds.geoTransform, src.geoTransform)
        // accumulation: every valid cell counts itself; the largest basin is much bigger than one cell
        let acc = try RasterFile.read("\(out)/accumulation.tif", as: Double.self).grid
        XCTAssertGreaterThan(acc.values.max()!, 1000)
        XCTAssertEqual(acc.values.filter { $0 >= 1 }.count, try RasterFile.read(dem, as: Double.self).grid.validCount)
        XCTAssertTrue(r.stderr.contains("cell size"), r.stderr)
    }

    /// Runs `geotool erosion derive` on the fixture DEM into `out` with `extra` options; asserts success.
    private func derive(into out: String, _ extra: [String] = []) throws {
        let r = try TestSupport.geotool(["erosion", "derive", dem, "--out", out] + extra)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// slope.tif is `gdaldem slope -compute_edges` of the input DEM; `--slope-source filled` takes the filled DEM.
    func testSlopeSourceInputMatchesGdaldemAndFilledDiffers() throws {
        let out = try TestSupport.temporaryDirectory("erosion-slope-source")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try derive(into: "\(out)/input")
        try derive(into: "\(out)/filled", ["--slope-source", "filled"])
        let r = try TestSupport.run("gdaldem", ["slope", dem, "\(out)/gdaldem.tif", "-q", "-compute_edges"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let input = try RasterFile.read("\(out)/input/slope.tif", as: Float.self).grid
        let filled = try RasterFile.read("\(out)/filled/slope.tif", as: Float.self).grid
        let reference = try RasterFile.read("\(out)/gdaldem.tif", as: Float.self).grid
        let worst = zip(input.values, reference.values).map { abs($0 - $1) }.max() ?? .infinity
        XCTAssertLessThanOrEqual(worst, 1e-4)
        XCTAssertNotEqual(input.values, filled.values)
        XCTAssertTrue(try Dataset.open("\(out)/filled/ls.tif").metadataItem("EROSION_OPTIONS")?.contains("slope-source=filled") ?? false)
    }

    /// `--fill breach` cuts channels instead of raising depressions: it changes fewer cells of the DEM than the
    /// default fill, lowers some, and every valid cell still drains (no cell without outflow).
    func testFillBreachChangesFewerCellsAndDrainsEverything() throws {
        let out = try TestSupport.temporaryDirectory("erosion-breach")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try derive(into: "\(out)/fill")
        try derive(into: "\(out)/breach", ["--fill", "breach"])
        let source = try RasterFile.read(dem, as: Double.self).grid
        let filled = try RasterFile.read("\(out)/fill/filled.tif", as: Double.self).grid
        let breached = try RasterFile.read("\(out)/breach/filled.tif", as: Double.self).grid
        let changed = { (g: Grid<Double>) in zip(g.values, source.values).filter { $0 != $1 }.count }
        XCTAssertGreaterThan(changed(filled), 0)
        XCTAssertLessThan(changed(breached), changed(filled))
        XCTAssertTrue(zip(breached.values, source.values).contains { $0 < $1 }, "breaching lowers channel cells")
        let codes = try RasterFile.read("\(out)/breach/flowdir.tif", as: UInt8.self).grid
        XCTAssertFalse(codes.values.contains(0), "every valid cell drains (border cells drain off the grid)")
        XCTAssertTrue(try Dataset.open("\(out)/breach/filled.tif").metadataItem("EROSION_OPTIONS")?.contains("fill=breach") ?? false)
    }

    func testRunEvaluatesTheTerraSimScenarios() throws {
        let out = try TestSupport.temporaryDirectory("erosion-run")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TestSupport.geotool(["erosion", "run", dem, "--scenarios", terrasim, "--out", out, "--jobs", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let names = ["baseline", "high_rainfall", "low_vegetation", "extreme", "protected", "post_fire"]
        for n in names { for s in ["soil_loss", "usped", "risk"] { XCTAssertTrue(files(out).contains("\(n)_\(s).tif"), "\(n)_\(s)") } }
        let csv = try String(contentsOfFile: "\(out)/summary.csv", encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(csv.count, 7)
        XCTAssertTrue(csv[0].hasPrefix("scenario,cells,mean_t_ha_yr,p50_t_ha_yr,p95_t_ha_yr"))
        let rows = Dictionary(uniqueKeysWithValues: csv.dropFirst().map { line -> (String, [String]) in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return (f[0], f)
        })
        XCTAssertEqual(Set(rows.keys), Set(names))
        let base = try XCTUnwrap(Double(rows["baseline"]![2])), extreme = try XCTUnwrap(Double(rows["extreme"]![2]))
        XCTAssertEqual(extreme / base, 6, accuracy: 1e-3, "extreme = R×2, C×3")
        let risk = try Dataset.open("\(out)/extreme_risk.tif")
        XCTAssertEqual(try risk.band(1).dataType, .uint8)
        XCTAssertEqual(risk.metadataItem("EROSION_SCENARIO"), "extreme")
    }

    func testBadYAMLAndMismatchedRasterFailWithOneLineAndWriteNothing() throws {
        let tmp = try TestSupport.temporaryDirectory("erosion-bad")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let bad = "\(tmp)/bad.yaml"
        try "base: {R: 500, K: 0.03, C: 0.2, P: 1}\nscenarios:\n  - {name: x, multiply: {Q: 2}}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let out = "\(tmp)/out"
        var r = try TestSupport.geotool(["erosion", "run", dem, "--scenarios", bad, "--out", out])
        XCTAssertNotEqual(r.status, 0)
        let line = r.stderr.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(line.contains("bad.yaml") && line.contains("Q"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
        // A factor raster of the wrong size.
        let small = Grid<Float>(width: 10, height: 10, repeating: 0.1)
        try RasterFile.write(small, to: "\(tmp)/c.tif", georeference: Georeference(geoTransform: nil, crsWKT: nil))
        let scen = "\(tmp)/raster.yaml"
        try "base: {R: 500, K: 0.03, C: c.tif, P: 1}\n".write(toFile: scen, atomically: true, encoding: .utf8)
        r = try TestSupport.geotool(["erosion", "run", dem, "--scenarios", scen, "--out", out])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("c.tif is 10×10 pixels but the DEM is 256×256"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testDEMWithoutCRSIsRefused() throws {
        let tmp = try TestSupport.temporaryDirectory("erosion-nocrs")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let g = Grid<Float>(width: 20, height: 20) { c, r in Float(c + r) }
        try RasterFile.write(g, to: "\(tmp)/nocrs.tif",
                             georeference: Georeference(geoTransform: GeoTransform(originX: 0, pixelWidth: 10, originY: 0, pixelHeight: -10), crsWKT: nil))
        let r = try TestSupport.geotool(["erosion", "derive", "\(tmp)/nocrs.tif", "--out", "\(tmp)/out"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("nocrs.tif: the DEM has no CRS"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(tmp)/out"))
    }

    func testGeographicDEMIsConvertedToMetres() throws {
        let out = try TestSupport.temporaryDirectory("erosion-geo")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TestSupport.geotool(["erosion", "derive", TestSupport.fixture("dem_wgs84_int16.tif"), "--out", out,
                                         "--routing", "mfd"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("degrees converted per row"), r.stderr)
        let ds = try Dataset.open("\(out)/slope.tif")
        XCTAssertTrue(ds.metadataItem("EROSION_CELL_SIZE_M")?.hasSuffix("(centre row; sizes vary by row)") ?? false)
        let slope = try RasterFile.read("\(out)/slope.tif", as: Float.self).grid
        XCTAssertLessThan(slope.values.filter { $0 != -9999 }.max()!, 89, "slopes in degrees from metric cell sizes")
    }

    func testEvolveWritesSnapshots() throws {
        let out = try TestSupport.temporaryDirectory("erosion-evolve")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let r = try TestSupport.geotool(["evolve", dem, "--years", "3000", "--dt", "1000", "--k", "1e-5", "--m", "0.5",
                                         "--n", "1", "--d", "0.01", "--uplift", "0.001", "--out", out, "--snapshot-every", "2"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(files(out), ["elevation_final.tif", "elevation_step000002.tif", "elevation_step000003.tif"])
    }
}
