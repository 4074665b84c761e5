import Foundation
import XCTest
@testable import Plot

/// Renders each sample figure and compares it with Tests/PlotTests/Golden/<kind>.png.
/// Set GEOTOOL_UPDATE_GOLDEN=1 to (re)write the golden files instead.
final class GoldenImageTests: XCTestCase {
    static let goldenDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    /// Tolerance for font rasterisation differences between machines (anti-aliasing changes a few
    /// edge pixels by small amounts). Measured: moving one axis label or changing tick spacing
    /// changes 0.15–0.35 % of pixels by > 64, so the limit on that fraction is 0.1 %; wrong colours
    /// or a shifted data area raise the mean far above 1.
    static let maxMeanAbsDiff = 1.0
    static let maxFractionOver64 = 0.001

    func check(_ name: String, _ make: () throws -> Figure) throws {
        let path = Self.goldenDir.appendingPathComponent("\(name).png").path
        let figure = try make()
        if ProcessInfo.processInfo.environment["GEOTOOL_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.goldenDir, withIntermediateDirectories: true)
            try figure.write(to: path)
            return
        }
        let golden = try RGBAImage(contentsOfPNG: path)
        let image = try figure.render()
        guard let d = image.difference(to: golden) else {
            return XCTFail("\(name): size \(image.width)×\(image.height) differs from golden \(golden.width)×\(golden.height)")
        }
        if ProcessInfo.processInfo.environment["GEOTOOL_GOLDEN_VERBOSE"] == "1" { print("golden \(name): mean \(d.meanAbs) over64 \(d.fractionOver)") }
        if d.meanAbs >= Self.maxMeanAbsDiff || d.fractionOver >= Self.maxFractionOver64 {
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("plot-\(name)-actual.png").path
            try? figure.write(to: out)
            XCTFail("\(name): differs from golden (mean abs \(d.meanAbs), \(d.fractionOver * 100)% pixels > 64); actual at \(out)")
        }
    }

    func testMapGolden() throws { try check("map", SampleFigures.map) }
    func testScatterGolden() throws { try check("scatter", SampleFigures.scatter) }
    func testSeriesGolden() throws { try check("series", SampleFigures.series) }
    func testDecayGolden() throws { try check("decay", SampleFigures.decay) }
    func testHistogramGolden() throws { try check("histogram", SampleFigures.histogram) }

    /// The comparison itself must detect a real change: a figure with another colormap fails it.
    func testToleranceCatchesRegression() throws {
        var fig = try SampleFigures.map()
        fig.panels[0] = try Panel.map(SampleFigures.dem(), options: MapOptions(colormap: "magma", geoTransform: SampleFigures.geoTransform))
        let a = try SampleFigures.map().render(), b = try fig.render()
        let d = try XCTUnwrap(a.difference(to: b))
        XCTAssertTrue(d.meanAbs >= Self.maxMeanAbsDiff || d.fractionOver >= Self.maxFractionOver64)
    }

    /// A small layout change (another axis label) is caught too.
    func testToleranceCatchesLabelChange() throws {
        var fig = try SampleFigures.scatter()
        fig.panels[0].yAxis.label = "Modelled LST (°C)"
        let d = try XCTUnwrap(try SampleFigures.scatter().render().difference(to: fig.render()))
        XCTAssertTrue(d.meanAbs >= Self.maxMeanAbsDiff || d.fractionOver >= Self.maxFractionOver64, "\(d)")
    }
}
