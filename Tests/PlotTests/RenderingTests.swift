import Foundation
import Grid
import XCTest
@testable import Plot

final class RenderingTests: XCTestCase {
    var tmp: URL!

    override func setUpWithError() throws {
        tmp = FileManager.default.temporaryDirectory.appendingPathComponent("plot-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: tmp) }

    /// Writes, reads back with cairo, and returns the image.
    func roundTrip(_ fig: Figure, _ name: String = "fig.png") throws -> RGBAImage {
        let path = tmp.appendingPathComponent(name).path
        try fig.write(to: path)
        return try RGBAImage(contentsOfPNG: path)
    }

    /// Pixel position of the centre of the map area (the raster layer's rectangle).
    func mapCentre(_ img: RGBAImage, where isMap: (SIMD4<UInt8>) -> Bool) -> (Int, Int)? {
        let y = img.height / 2
        let xs = (0..<img.width).filter { isMap(img.pixel(x: $0, y: y)) }
        guard let a = xs.first, let b = xs.last else { return nil }
        return ((a + b) / 2, y)
    }

    func testConstantGridRendersColormapColour() throws {
        let grid = Grid(width: 50, height: 40, repeating: 3.0)
        // vmin..vmax = 0…6 puts 3 in the middle of viridis: entry Int(0.5·256) = 128.
        let fig = Figure(try Panel.map(grid, options: MapOptions(colormap: "viridis", vmin: 0, vmax: 6)), width: 400, height: 300)
        let img = try roundTrip(fig)
        XCTAssertEqual(img.width, 400)
        XCTAssertEqual(img.height, 300)
        let c = try Colormap.named("viridis").colors[128]
        let expected = SIMD4<UInt8>(UInt8((c.red * 255).rounded()), UInt8((c.green * 255).rounded()), UInt8((c.blue * 255).rounded()), 255)
        let near: (SIMD4<UInt8>) -> Bool = { p in (0..<4).allSatisfy { abs(Int(p[$0]) - Int(expected[$0])) <= 1 } }
        let centre = try XCTUnwrap(mapCentre(img, where: near))
        XCTAssertTrue(near(img.pixel(x: centre.0, y: centre.1)))
        // A large part of the image is that colour (the map area), and the corner is the white page.
        var n = 0
        for y in 0..<img.height { for x in 0..<img.width where near(img.pixel(x: x, y: y)) { n += 1 } }
        XCTAssertGreaterThan(n, 400 * 300 / 5)
        XCTAssertEqual(img.pixel(x: 1, y: 1), SIMD4(255, 255, 255, 255))
    }

    func testNodataIsTransparentOrChosenColour() throws {
        var grid = Grid(width: 40, height: 40, repeating: 1.0, nodata: -9999)
        for r in 0..<40 { for c in 0..<40 where c >= 20 { grid[col: c, row: r] = -9999 } }   // right half nodata
        var fig = Figure(try Panel.map(grid, options: MapOptions(vmin: 0, vmax: 2)), width: 400, height: 400)
        fig.background = nil
        let img = try roundTrip(fig)
        let green = try Colormap.named("viridis").colors[128]
        let isMapColour: (SIMD4<UInt8>) -> Bool = { p in p[3] == 255 && abs(Int(p[1]) - Int(green.green * 255)) <= 2 }
        let row = img.height / 2
        let xs = (0..<img.width).filter { isMapColour(img.pixel(x: $0, y: row)) }
        let left = try XCTUnwrap(xs.first), mid = try XCTUnwrap(xs.last)
        let width = mid - left           // the valid half
        XCTAssertEqual(img.pixel(x: mid + width / 2, y: row)[3], 0, "nodata pixel should be transparent")
        // With a chosen colour instead:
        var o = MapOptions(vmin: 0, vmax: 2)
        o.nodataColor = Color(hex: 0xff00ff)
        let img2 = try roundTrip(Figure(try Panel.map(grid, options: o), width: 400, height: 400), "magenta.png")
        XCTAssertEqual(img2.pixel(x: mid + width / 2, y: row), SIMD4(255, 0, 255, 255))
    }

    func testEveryKindIsNotBlankAndHasRequestedSize() throws {
        for (name, make) in SampleFigures.all {
            var fig = try make()
            fig.width = 500; fig.height = 420; fig.dpi = 120
            let img = try roundTrip(fig, "\(name).png")
            XCTAssertEqual([img.width, img.height], [500, 420], name)
            XCTAssertGreaterThan(img.distinctColorCount, 20, name)
        }
    }

    func testAllNaNAndEmptyDataSayNoValidData() throws {
        let nanGrid = Grid(width: 10, height: 10, repeating: Double.nan)
        let empty: [Double] = []
        let panels = [
            try Panel.map(nanGrid),
            try Panel.scatter(observed: [.nan, 1], predicted: [2, .nan]),
            try Panel.scatter(observed: empty, predicted: empty),
            Panel.series([try Series(label: "x", x: [0, 1], y: [.nan, .nan])]),
            Panel.decay([try Series(label: "neg", x: [1e-5, 1e-4], y: [-1, 0])]),
            try Panel.histogram([.nan, .infinity]),
            Panel.series([]),
        ]
        for (i, p) in panels.enumerated() {
            XCTAssertFalse(p.hasValidData, "panel \(i)")
            let img = try Figure(p, width: 300, height: 200).render()
            XCTAssertGreaterThan(img.distinctColorCount, 2, "panel \(i) should show its message")
        }
        // The message is drawn in the middle: grey text pixels near the centre row.
        let img = try Figure(panels[0], width: 300, height: 200).render()
        let y0 = img.height / 2
        let dark = (y0 - 8...y0 + 8).flatMap { y in (0..<img.width).map { img.pixel(x: $0, y: y) } }.filter { $0[0] < 200 }
        XCTAssertGreaterThan(dark.count, 20)
    }

    func testMultiPanelFigure() throws {
        let d = SampleFigures.scatterData(n: 100)
        let fig = Figure(panels: [try Panel.scatter(observed: d.obs, predicted: d.pred),
                                  try Panel.histogram(d.pred)], columns: 2, title: "Two panels", width: 900, height: 450)
        let img = try fig.render()
        XCTAssertEqual(img.width, 900)
        XCTAssertGreaterThan(img.distinctColorCount, 20)
    }

    func testErrors() throws {
        XCTAssertThrowsError(try Figure(panels: [], width: 5, height: 5).render()) { e in
            XCTAssertEqual(e as? PlotError, .invalidSize(width: 5, height: 5, dpi: 100))
        }
        XCTAssertThrowsError(try Series(x: [1, 2], y: [1]))
        XCTAssertThrowsError(try Figure(panels: []).write(to: "/nonexistent-dir/x.png")) { e in
            guard case .writeFailed? = e as? PlotError else { return XCTFail("\(e)") }
            XCTAssertFalse("\(e)".contains("\n"))
        }
        XCTAssertThrowsError(try RGBAImage(contentsOfPNG: tmp.appendingPathComponent("missing.png").path))
    }

    func testWriteIsAtomicAndLeavesNoTemporaryFiles() throws {
        let path = tmp.appendingPathComponent("a.png").path
        try SampleFigures.histogram().write(to: path)
        try SampleFigures.histogram().write(to: path)   // overwrite in place
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.path)
        XCTAssertEqual(files, ["a.png"])
    }

    func testPNGEncoderRoundTripIsLossless() throws {
        for (name, make) in SampleFigures.all {
            let fig = try make()
            XCTAssertEqual(try roundTrip(fig, "\(name).png"), try fig.render(), name)
        }
        // With transparency (RGBA PNG): equal up to un-premultiplication rounding.
        var fig = try SampleFigures.map()
        fig.background = nil
        let d = try XCTUnwrap(try roundTrip(fig, "alpha.png").difference(to: fig.render()))
        XCTAssertLessThan(d.meanAbs, 0.01)
        XCTAssertEqual(d.fractionOver, 0)
    }

    func testDPIScalesText() throws {
        // Same pixel size, larger dpi → larger text → more non-white pixels outside the data area.
        var a = try SampleFigures.histogram(), b = a
        a.dpi = 72; b.dpi = 150
        func ink(_ img: RGBAImage) -> Int { stride(from: 0, to: img.bytes.count, by: 4).filter { img.bytes[$0] < 100 && img.bytes[$0 + 2] < 100 }.count }  // black text, not blue bars
        XCTAssertGreaterThan(ink(try b.render()), ink(try a.render()))
    }
}
