import Foundation
import Grid
import Raster
import TestSupport
import XCTest

/// Issue 17, class 4: numbers that used to crash geotool (SIGILL from `Int(x)` on a huge or
/// non-finite Double, allocation failures of petabyte grids). Each now either works or fails with
/// exit status 1, one line on stderr naming the option or file, and no output left behind.
final class NumericRobustnessTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("numeric") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ text: String) throws -> String {
        let p = "\(dir!)/\(name)"
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// A projected Float32 raster holding `values` (row-major, `width` wide).
    func raster(_ name: String, width: Int, _ values: [Float]) throws -> String {
        let p = "\(dir!)/\(name)"
        let gt = GeoTransform(originX: 500_000, pixelWidth: 30, originY: 5_000_000, pixelHeight: -30)
        try RasterFile.write(Grid(width: width, height: values.count / width, values: values), to: p,
                             georeference: Georeference(geoTransform: gt, crsWKT: try SpatialReference("EPSG:32633").wkt))
        return p
    }

    /// Runs geotool and checks it worked: exit 0 and `output` exists.
    func assertWorks(_ args: [String], output: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output), "\(args): no \(output)", file: file, line: line)
    }

    /// Runs geotool and checks the failure: exit 1 (not a signal), one stderr line containing
    /// `mentions`, no `output` and no hidden temporary beside it.
    func assertFails(_ args: [String], mentioning mentions: [String], output: String,
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try TestSupport.geotool(args)
        XCTAssertEqual(r.status, 1, "\(args): \(r.stderr)", file: file, line: line)
        let lines = r.stderr.split(separator: "\n").filter { !$0.hasPrefix("wrote") && !$0.contains("%") }
        XCTAssertEqual(lines.count, 1, "\(args): \(r.stderr)", file: file, line: line)
        for m in mentions { XCTAssertTrue(r.stderr.contains(m), "\(args): '\(m)' not in \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr, file: file, line: line)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output), "\(args): \(output) left", file: file, line: line)
        let parent = (output as NSString).deletingLastPathComponent
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: parent))?.filter { $0.hasPrefix(".") } ?? []
        XCTAssertEqual(leftovers, [], "\(args): temporaries left", file: file, line: line)
    }

    // MARK: plot

    func testMapOfInfinitePixelsWithAnyColourRange() throws {
        let tif = try raster("inf.tif", width: 4, [1, 2, .infinity, 4, -.infinity, 6, .nan, 8, 3e38, -3e38, 0, 1, 2, 3, 4, 5])
        let out = "\(dir!)/map.png"
        for extra in [[], ["--minmax"], ["--vmin", "0", "--vmax", "10"], ["--vmin=-1e308", "--vmax", "1e308"],
                      ["--vmin", "5", "--vmax", "5"], ["--cmap", "rdbu"], ["--hillshade"]] {
            try? FileManager.default.removeItem(atPath: out)
            try assertWorks(["plot", "map", tif, "-o", out] + extra, output: out)
        }
        let allInf = try raster("allinf.tif", width: 2, [.infinity, -.infinity, .nan, .infinity])
        try? FileManager.default.removeItem(atPath: out)
        try assertWorks(["plot", "map", allInf, "-o", out], output: out)
    }

    func testMapRejectsNonFiniteColourLimits() throws {
        let tif = try raster("ok.tif", width: 2, [1, 2, 3, 4])
        let out = "\(dir!)/map.png"
        for (flag, value) in [("--vmin", "inf"), ("--vmax", "nan"), ("--vmin", "-inf"), ("--vmax", "1e999")] {
            try assertFails(["plot", "map", tif, "\(flag)=\(value)", "-o", out], mentioning: [flag], output: out)
        }
    }

    func testScatterSeriesDecayAndHistOfExtremeValues() throws {
        let scatter = try write("s.csv", "obs,pred\n1e308,-1e308\n-1e308,1e308\n1,2\ninf,3\nnan,4\n1.7976931348623157e308,0\n")
        let series = try write("t.csv", "date,v\n2021-01-01,1\n1e300,2\n2021-01-03,1e308\n2021-01-04,-inf\n")
        let onlyFar = try write("far.csv", "date,v\n1e300,1\n-1e300,2\n")
        let decay = try write("d.csv", "time_s,a,b\n0,1,-1\n-1e-5,0,inf\n1e-5,nan,1e-300\n1e-4,5e-324,1e308\ninf,1,1\n")
        let hist = try write("h.csv", "v\n1e308\n-1e308\ninf\nnan\n1.7976931348623157e308\n")
        let constant = try write("c.csv", "v\n7\n7\n7\n")
        let out = "\(dir!)/p.png"
        for args in [["plot", "scatter", scatter, "--x", "obs", "--y", "pred"],
                     ["plot", "series", series, "--y", "v"], ["plot", "series", onlyFar, "--y", "v"],
                     ["plot", "decay", decay], ["plot", "hist", hist, "--column", "v"],
                     ["plot", "hist", hist, "--column", "v", "--bins", "100000"],
                     ["plot", "hist", constant, "--column", "v"]] {
            try? FileManager.default.removeItem(atPath: out)
            try assertWorks(args + ["-o", out], output: out)
        }
        let tif = try raster("h.tif", width: 3, [.infinity, 1, 2, -.infinity, .nan, 3e38])
        try? FileManager.default.removeItem(atPath: out)
        try assertWorks(["plot", "hist", tif, "-o", out], output: out)
    }

    func testImpossibleBinCountsAndFigureSizesAreOneLineErrors() throws {
        let hist = try write("h.csv", "v\n1\n2\n")
        let out = "\(dir!)/p.png"
        for bins in ["0", "-3", "100001", "9223372036854775807", "99999999999999999999"] {
            try assertFails(["plot", "hist", hist, "--column", "v", "--bins=\(bins)", "-o", out], mentioning: ["bins"], output: out)
        }
        for (flag, value, word) in [("--width", "0", "width"), ("--width", "-5", "width"), ("--height", "1000000", "height"),
                                    ("--dpi", "0", "dpi"), ("--dpi", "nan", "dpi"), ("--dpi", "inf", "dpi")] {
            try assertFails(["plot", "hist", hist, "--column", "v", "\(flag)=\(value)", "-o", out], mentioning: [word], output: out)
        }
        try assertFails(["plot", "hist", hist, "--column", "v", "--width", "1000000", "--height", "1000000", "-o", out],
                        mentioning: ["width"], output: out)
    }

    // MARK: sizes from options

    func testResampleToAGridBeyondTheBudgetIsRefused() throws {
        let out = "\(dir!)/r.tif"
        for tr in [["1e-6", "1e-6"], ["1e-300", "1e-300"], ["1e-3", "30"]] {
            try assertFails(["resample", TestSupport.fixture("dem_utm33n.tif"), out, "--tr"] + tr + ["--method", "mean"],
                            mentioning: ["--tr", "memory budget"], output: out)
        }
        // A small budget set in the environment is obeyed and named.
        let r = try TestSupport.run(TestSupport.geotoolBinary, ["resample", TestSupport.fixture("dem_utm33n.tif"), out,
                                                               "--tr", "15", "15", "--method", "mean", "--quiet"],
                                    environment: ["GEOTOOL_MEMORY_BUDGET": "100K"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("100 KiB, GEOTOOL_MEMORY_BUDGET"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: out))
    }

    func testResampleByTheLargestFactorGivesOneCell() throws {
        let out = "\(dir!)/one.tif"
        try assertWorks(["resample", TestSupport.fixture("dem_utm33n.tif"), out, "--factor", "9223372036854775807",
                         "--method", "mean", "--quiet"], output: out)
        let ds = try Dataset.open(out)
        XCTAssertEqual([ds.width, ds.height], [1, 1])
    }

    func testEvolveStepCountsAreChecked() throws {
        let dem = TestSupport.fixture("dem_utm33n.tif")
        let out = "\(dir!)/ev"
        try assertFails(["evolve", dem, "--years", "1e18", "--dt", "1e-9", "--k", "1e-5", "--out", out],
                        mentioning: ["--years", "time steps"], output: out)
        try assertFails(["evolve", dem, "--years", "10", "--dt", "1", "--k", "1e-5", "--d", "1e300", "--out", out],
                        mentioning: ["d", "substeps"], output: out)
    }

    func testEcostressRegridOfAWorldSiteAtOneMetreIsRefused() throws {
        let fixtures = TestSupport.repoRoot.appendingPathComponent("fixtures").path
        // In UTM 33N at 1 m a 40° × 40° box is ~4,000 km × 4,500 km: 1.8e13 cells (144 TB).
        let sites = try write("sites.csv", "site,west,south,east,north\nworld,0,30,40,70\n")
        let out = "\(dir!)/regrid"
        let r = try TestSupport.geotool(["ecostress", "regrid", fixtures, "--sites", sites, "--variables", "LST",
                                         "--target-res", "1", "1", "--target-crs", "EPSG:32633", "--out", out])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").filter { !$0.contains("skipped") }.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains(sites) && r.stderr.contains("world") && r.stderr.contains("memory budget"), r.stderr)
        XCTAssertEqual((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [], [])
    }
}
