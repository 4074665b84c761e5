import XCTest
import Foundation
import Grid
import Raster
import TestSupport
@testable import Erosion

/// Erosion against independent results: pysheds 0.5 on a real HydroSHEDS DEM
/// (../shared/reference/erosion, read in place) and `gdaldem` run on the fixture DEM.
final class RealDataTests: XCTestCase {
    private func reference(_ name: String) throws -> String {
        let dir = try XCTUnwrap(TestSupport.sharedReference, "../shared/reference not found").appendingPathComponent("erosion")
        let path = dir.appendingPathComponent(name).path
        try XCTSkipUnless(FileManager.default.fileExists(atPath: path), "\(path) missing")
        return path
    }

    /// Cell sizes in the geotransform's own units (degrees), as pysheds uses them.
    private func crsUnitGeometry(_ g: Georeference) throws -> CellGeometry {
        try CellGeometry(transform: XCTUnwrap(g.geoTransform))
    }

    func testD8AndAccumulationAreIdenticalToPyshedsOnTheConditionedDEM() throws {
        let (dem, georef) = try RasterFile.read(try reference("real_conditioned.tif"), as: Double.self)
        let fdir = try RasterFile.read(try reference("real_fdir.tif"), as: Int32.self).grid
        let acc = try RasterFile.read(try reference("real_acc.tif"), as: Int32.self).grid
        let dirs = FlowDirections.d8(dem, geometry: try crsUnitGeometry(georef), border: .pysheds, jobs: 2)
        let ours = try FlowAccumulation.d8(dirs)
        var dirDiff = 0, accDiff = 0, valid = 0
        for i in 0..<dem.count {
            let code = dirs.codes.values[i]
            let expected = fdir.values[i]
            if expected == -1 { if code != D8.nodata { dirDiff += 1 }; continue }
            valid += 1
            if Int32(code) != expected { dirDiff += 1 }
            if ours.values[i] != Double(acc.values[i]) { accDiff += 1 }
        }
        XCTAssertEqual(valid, 131_753)
        XCTAssertEqual(dirDiff, 0, "direction cells differing from pysheds")
        XCTAssertEqual(accDiff, 0, "accumulation cells differing from pysheds")
    }

    /// Our own fill + flat resolution on the raw DEM vs pysheds' conditioning; reported figures
    /// (see docs/PERFORMANCE.md "Erosion"): % directions equal and the correlation of log accumulation.
    func testFullChainAgreesWithPyshedsOnTheRawDEM() throws {
        let (dem, georef) = try RasterFile.read(try reference("real_dem.tif"), as: Double.self)
        let fdir = try RasterFile.read(try reference("real_fdir.tif"), as: Int32.self).grid
        let acc = try RasterFile.read(try reference("real_acc.tif"), as: Int32.self).grid
        let terrain = try Terrain(dem: dem, geometry: try crsUnitGeometry(georef),
                                  options: TerrainOptions(border: .pysheds, jobs: 2))
        let accumulation = terrain.accumulation
        var same = 0, n = 0
        var xs: [Double] = [], ys: [Double] = []
        xs.reserveCapacity(dem.count); ys.reserveCapacity(dem.count)
        for i in 0..<dem.count where fdir.values[i] != -1 {
            n += 1
            if Int32(terrain.directions.codes.values[i]) == fdir.values[i] { same += 1 }
            xs.append(log(accumulation.values[i]))
            ys.append(log(Double(acc.values[i])))
        }
        let percent = 100 * Double(same) / Double(n)
        let r = pearson(xs, ys)
        print("erosion full chain vs pysheds: directions equal \(String(format: "%.2f", percent)) %, corr(log acc) \(String(format: "%.4f", r))")
        XCTAssertGreaterThan(percent, 85)
        XCTAssertGreaterThan(r, 0.9)
        // Every valid non-border cell drains after our conditioning.
        let mask = ValidMask(terrain.filled)
        let undrained = (0..<dem.count).filter { mask.valid[$0] && !mask.isOutlet($0) && !terrain.directions.hasOutflow($0) }
        XCTAssertEqual(undrained.count, 0)
    }

    private func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<x.count {
            let a = x[i] - mx, b = y[i] - my
            sxy += a * b; sxx += a * a; syy += b * b
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// `gdaldem slope` / `gdaldem aspect` (run here) on the Float32 UTM fixture DEM, within 1e-4.
    func testSlopeAndAspectMatchGdaldem() throws {
        let src = TestSupport.fixture("dem_utm33n.tif")
        let tmp = try TestSupport.temporaryDirectory("erosion-gdaldem")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let (dem, georef) = try RasterFile.read(src, as: Double.self)
        let g = try CellGeometry(transform: XCTUnwrap(georef.geoTransform))
        for (mode, extra) in [("slope", [String]()), ("slope", ["-p"]), ("aspect", [])] {
            let out = "\(tmp)/\(mode)\(extra.joined()).tif"
            let r = try TestSupport.run("gdaldem", [mode, src, out, "-q"] + extra)
            XCTAssertEqual(r.status, 0, r.stderr)
            let ref = try RasterFile.read(out, as: Float.self).grid
            let ours: Grid<Float>
            switch (mode, extra) {
            case ("aspect", _): ours = HornDerivatives.aspect(dem, geometry: g)
            case (_, ["-p"]): ours = HornDerivatives.slope(dem, geometry: g, unit: .percent)
            default: ours = HornDerivatives.slope(dem, geometry: g)
            }
            var maxDiff: Float = 0, nodataMismatch = 0, compared = 0
            for i in 0..<dem.count {
                let a = ours.values[i], b = ref.values[i]
                if (a == -9999) != (b == -9999) { nodataMismatch += 1; continue }
                if a == -9999 { continue }
                compared += 1
                var d = abs(a - b)
                if mode == "aspect" { d = min(d, 360 - d) }
                maxDiff = max(maxDiff, d)
            }
            print("gdaldem \(mode)\(extra.joined()): \(compared) cells, max |diff| \(maxDiff)")
            XCTAssertEqual(nodataMismatch, 0, "\(mode)\(extra): nodata cells differ")
            XCTAssertGreaterThan(compared, 60_000)
            XCTAssertLessThanOrEqual(maxDiff, 1e-4, "\(mode)\(extra)")
        }
    }

    /// `Terrain.slope`/`aspect` are those of the INPUT DEM, as `gdaldem slope/aspect -compute_edges` gives them
    /// (the fixture DEM has pits, so the filled DEM differs); `.filled` reproduces gdaldem on the filled DEM.
    func testTerrainSlopeAndAspectAreGdaldemOnTheInputDEM() throws {
        let src = TestSupport.fixture("dem_utm33n.tif")
        let tmp = try TestSupport.temporaryDirectory("erosion-slope-source")
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        let (dem, georef) = try RasterFile.read(src, as: Double.self)
        let g = try CellGeometry(transform: XCTUnwrap(georef.geoTransform))
        let input = try Terrain(dem: dem, geometry: g, options: TerrainOptions(jobs: 2))
        let filled = try Terrain(dem: dem, geometry: g, options: TerrainOptions(slopeSource: .filled, jobs: 2))
        try RasterFile.write(filled.filled, to: "\(tmp)/filled.tif", georeference: georef)
        func gdaldem(_ mode: String, _ path: String) throws -> Grid<Float> {
            let out = "\(tmp)/\(mode)-\((path as NSString).lastPathComponent)"
            let r = try TestSupport.run("gdaldem", [mode, path, out, "-q", "-compute_edges"])
            XCTAssertEqual(r.status, 0, r.stderr)
            return try RasterFile.read(out, as: Float.self).grid
        }
        func maxDifference(_ ours: Grid<Float>, _ ref: Grid<Float>, angular: Bool) -> Float {
            var worst: Float = 0
            for i in 0..<ours.count {
                let a = ours.values[i], b = ref.values[i]
                if b == -9999 {   // gdaldem: nodata, or a flat cell's aspect (−1 in Terrain)
                    if a != -9999 && a != -1 { worst = .infinity }
                    continue
                }
                var d = abs(a - b)
                if angular { d = min(d, 360 - d) }
                worst = max(worst, d)
            }
            return worst
        }
        XCTAssertLessThanOrEqual(maxDifference(input.slope, try gdaldem("slope", src), angular: false), 1e-4)
        XCTAssertLessThanOrEqual(maxDifference(input.aspect, try gdaldem("aspect", src), angular: true), 1e-4)
        let filledPath = "\(tmp)/filled.tif"
        XCTAssertLessThanOrEqual(maxDifference(filled.slope, try gdaldem("slope", filledPath), angular: false), 1e-4)
        XCTAssertLessThanOrEqual(maxDifference(filled.aspect, try gdaldem("aspect", filledPath), angular: true), 1e-4)
        // The sources really differ inside filled depressions: steep in the DEM, flat once filled.
        var steeper = 0
        for i in 0..<dem.count where filled.filled.values[i] > dem.values[i] && input.slope.values[i] > filled.slope.values[i] + 1 {
            steeper += 1
        }
        XCTAssertGreaterThan(steeper, 10, "filled depressions should be steeper on the input DEM")
        XCTAssertEqual(input.directions.codes, filled.directions.codes, "routing does not depend on the slope source")
        XCTAssertNotEqual(input.ls.values, filled.ls.values)
    }
}
