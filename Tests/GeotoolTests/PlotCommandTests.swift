import Foundation
import TestSupport
import XCTest

/// `geotool plot map|scatter|series|decay|hist` run as a process.
final class PlotCommandTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws { dir = try TestSupport.temporaryDirectory("plot-cli") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Width and height from a PNG's IHDR chunk (nil when the file is not a PNG).
    static func pngSize(_ path: String) -> (Int, Int)? {
        guard let d = FileManager.default.contents(atPath: path), d.count > 24,
              Array(d.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        let b = [UInt8](d[16..<24])
        func be(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
        return (be(0), be(4))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let p = "\(dir!)/\(name)"
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func assertPNG(_ path: String, _ w: Int, _ h: Int, file: StaticString = #filePath, line: UInt = #line) {
        guard let s = Self.pngSize(path) else { return XCTFail("\(path) is not a PNG", file: file, line: line) }
        XCTAssertEqual([s.0, s.1], [w, h], file: file, line: line)
    }

    func testMapOfFixtureDEMWithHillshade() throws {
        let out = "\(dir!)/dem.png"
        let r = try TestSupport.geotool(["plot", "map", TestSupport.fixture("dem_utm33n.tif"), "--hillshade",
                                         "--cmap", "terrain", "--label", "Elevation (m)", "-o", out,
                                         "--width", "640", "--height", "480"])
        XCTAssertEqual(r.status, 0, r.stderr)
        assertPNG(out, 640, 480)
        let gray = "\(dir!)/gray.png"
        let r2 = try TestSupport.geotool(["plot", "map", TestSupport.fixture("dem_wgs84_int16.tif"), "--vmin", "0",
                                          "--vmax", "500", "--nodata-color", "#ff00ff", "-o", gray, "--dpi", "150"])
        XCTAssertEqual(r2.status, 0, r2.stderr)
        assertPNG(gray, 800, 600)
    }

    func testMapErrors() throws {
        let r = try TestSupport.geotool(["plot", "map", "\(dir!)/missing.tif", "-o", "\(dir!)/x.png"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("missing.tif"), r.stderr)
        let r2 = try TestSupport.geotool(["plot", "map", TestSupport.fixture("dem_utm33n.tif"), "--cmap", "jet",
                                          "-o", "\(dir!)/x.png"])
        XCTAssertNotEqual(r2.status, 0)
        XCTAssertTrue(r2.stderr.contains("unknown colormap 'jet'"), r2.stderr)
        XCTAssertEqual(r2.stderr.split(separator: "\n").count, 1, r2.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "\(dir!)/x.png"))
    }

    func testScatterPrintsMetricsAndWritesPNG() throws {
        let csv = try write("s.csv", "obs,pred,note\n1,2,a\n2,1,\"b, quoted\"\n3,5,c\n4,4,d\n5,,missing\n")
        let out = "\(dir!)/s.png"
        let r = try TestSupport.geotool(["plot", "scatter", csv, "--x", "obs", "--y", "pred", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        // Hand-computed (see MetricsTests): n=4, rmse=√1.5, bias=0.5, R²=1−6/5=−0.2
        let kv = Dictionary(uniqueKeysWithValues: r.stdout.split(whereSeparator: \.isWhitespace).map {
            let p = $0.split(separator: "=", maxSplits: 1); return (String(p[0]), Double(p[1]) ?? .nan)
        })
        XCTAssertEqual(kv["n"], 4)
        XCTAssertEqual(kv["rmse"] ?? .nan, 1.5.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(kv["bias"] ?? .nan, 0.5, accuracy: 1e-12)
        XCTAssertEqual(kv["r2"] ?? .nan, -0.2, accuracy: 1e-12)
        assertPNG(out, 800, 600)
    }

    func testMissingColumnIsOneLineNamingFileAndColumn() throws {
        let csv = try write("s.csv", "obs,pred\n1,2\n")
        let r = try TestSupport.geotool(["plot", "scatter", csv, "--x", "obs", "--y", "model", "-o", "\(dir!)/x.png"])
        XCTAssertNotEqual(r.status, 0)
        let lines = r.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("s.csv") && r.stderr.contains("'model'"), r.stderr)
    }

    func testAllNaNGivesNoValidDataPlot() throws {
        let csv = try write("n.csv", "obs,pred\nNaN,1\n,2\nNA,3\n")
        let out = "\(dir!)/n.png"
        let r = try TestSupport.geotool(["plot", "scatter", csv, "--x", "obs", "--y", "pred", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("n=0"), r.stdout)
        assertPNG(out, 800, 600)
        let h = try TestSupport.geotool(["plot", "hist", csv, "--column", "obs", "-o", "\(dir!)/h.png"])
        XCTAssertEqual(h.status, 0, h.stderr)
    }

    func testSeriesByColumn() throws {
        var text = "date,site,lst\n"
        for d in 1...28 { for s in ["A", "B"] { text += "2023-02-\(d < 10 ? "0" : "")\(d),\(s),\(280 + d + (s == "B" ? 5 : 0))\n" } }
        let csv = try write("t.csv", text)
        let out = "\(dir!)/t.png"
        let r = try TestSupport.geotool(["plot", "series", csv, "--x", "date", "--y", "lst", "--by", "site", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        assertPNG(out, 800, 600)
        let bad = try write("bad.csv", "date,lst\nyesterday,3\n")
        let r2 = try TestSupport.geotool(["plot", "series", bad, "--y", "lst", "-o", out])
        XCTAssertNotEqual(r2.status, 0)
        XCTAssertTrue(r2.stderr.contains("bad.csv: line 2, column 'date'"), r2.stderr)
    }

    func testDecayWideFormat() throws {
        var text = "time_s,S1,S2\n"
        for i in 0..<20 {
            let t = pow(10, -5 + 3 * Double(i) / 19)
            text += "\(t),\(1e-9 * pow(t / 1e-5, -2.5)),\(i == 5 ? "" : "\(3e-9 * pow(t / 1e-5, -2.2))")\n"
        }
        let csv = try write("d.csv", text)
        let out = "\(dir!)/d.png"
        let r = try TestSupport.geotool(["plot", "decay", csv, "-o", out, "--width", "600", "--height", "600"])
        XCTAssertEqual(r.status, 0, r.stderr)
        assertPNG(out, 600, 600)
    }

    func testHistogramOfRasterAndCSV() throws {
        let out = "\(dir!)/h.png"
        let r = try TestSupport.geotool(["plot", "hist", TestSupport.fixture("dem_utm33n.tif"), "--bins", "30", "-o", out])
        XCTAssertEqual(r.status, 0, r.stderr)
        assertPNG(out, 800, 600)
        let csv = try write("v.csv", "v\n1\n2\n2\n3\n")
        let r2 = try TestSupport.geotool(["plot", "hist", csv, "--column", "v", "--bins", "auto", "-o", out])
        XCTAssertEqual(r2.status, 0, r2.stderr)
        let r3 = try TestSupport.geotool(["plot", "hist", csv, "--bins", "x", "--column", "v", "-o", out])
        XCTAssertNotEqual(r3.status, 0)
        XCTAssertTrue(r3.stderr.contains("--bins"), r3.stderr)
    }
}
