import Foundation
import Grid
import XCTest
@testable import Plot

/// Every plot kind fed NaN, ±Inf, ±1e308, ±greatestFiniteMagnitude, subnormals, empty, single and
/// constant data: each render either produces an image or throws a `PlotError` with a message —
/// never traps — and non-finite raster pixels are drawn as nodata.
final class NonFiniteInputTests: XCTestCase {
    static let extremes: [Double] = [.nan, .infinity, -.infinity, 1e308, -1e308, .greatestFiniteMagnitude,
                                     -.greatestFiniteMagnitude, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                                     .leastNormalMagnitude, 0, 1, -2.5]

    /// Data sets built from `extremes`: empty, each value alone, each value constant, every pair,
    /// all NaN, and each value mixed into ordinary data.
    static var dataSets: [[Double]] {
        var out: [[Double]] = [[], [.nan, .nan, .nan], extremes]
        for v in extremes {
            out.append([v])
            out.append([v, v, v, v])
            out.append([1, 2, v, 3, 4])
            for w in extremes { out.append([v, w]) }
        }
        return out
    }

    /// Renders `panel` small; a thrown error must be a `PlotError` with a one-line message.
    func assertRenders(_ panel: @autoclosure () throws -> Panel, _ what: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        do {
            let img = try Figure(try panel(), width: 120, height: 90, dpi: 72).render()
            XCTAssertEqual([img.width, img.height], [120, 90], what, file: file, line: line)
        } catch let e as PlotError {
            XCTAssertFalse(e.description.isEmpty, what, file: file, line: line)
            XCTAssertFalse(e.description.contains("\n"), what, file: file, line: line)
        } catch {
            XCTFail("\(what): unexpected error \(error)", file: file, line: line)
        }
    }

    func describe(_ v: [Double]) -> String { "[" + v.map { "\($0)" }.joined(separator: ", ") + "]" }

    func testMapOfExtremeGridsRenders() {
        for data in Self.dataSets where !data.isEmpty {
            let grid = Grid(width: data.count, height: 2, values: data + data.reversed())
            assertRenders(try Panel.map(grid), "map \(describe(data))")
            assertRenders(try Panel.map(grid, options: MapOptions(colormap: "rdbu", percentiles: nil, hillshade: true)),
                          "diverging min/max hillshaded map \(describe(data))")
        }
    }

    func testMapWithExtremeColourLimitsRenders() {
        let grid = Grid(width: 3, height: 3, values: [1, .infinity, 3, -.infinity, .nan, 6, 1e308, -1e308, 9])
        for lo in Self.extremes + [nil] {
            for hi in Self.extremes + [nil] {
                assertRenders(try Panel.map(grid, options: MapOptions(vmin: lo, vmax: hi)),
                              "map vmin \(String(describing: lo)) vmax \(String(describing: hi))")
            }
        }
    }

    func testColourRangeIgnoresNonFiniteValuesAndBounds() {
        let o = MapOptions(percentiles: nil)
        let r = o.colorRange([1, .infinity, 2, -.infinity, .nan], nodata: nil, diverging: false)
        XCTAssertEqual([r.vmin, r.vmax], [1, 2])
        let given = MapOptions(vmin: .infinity, vmax: .nan, percentiles: nil)
            .colorRange([1, 2, 3], nodata: nil, diverging: false)
        XCTAssertEqual([given.vmin, given.vmax], [1, 3])
        let huge = MapOptions(vmin: .greatestFiniteMagnitude, vmax: .greatestFiniteMagnitude)
            .colorRange([1], nodata: nil, diverging: false)
        XCTAssertTrue(huge.vmin.isFinite && huge.vmax.isFinite && huge.vmin < huge.vmax, "\(huge)")
    }

    /// ±Inf and NaN pixels get the nodata colour, like nodata: three of four columns are magenta.
    func testNonFinitePixelsAreDrawnAsNodata() throws {
        let grid = Grid(width: 4, height: 4) { c, _ in [Double.infinity, -.infinity, .nan, 1][c] }
        let magenta = Color(red: 1, green: 0, blue: 1)
        let fig = Figure(try Panel.map(grid, options: MapOptions(vmin: 0, vmax: 2, nodataColor: magenta)),
                         width: 400, height: 400)
        let img = try fig.render()
        let mid = try Colormap.named("viridis").colors[128]
        var nodata = 0, coloured = 0
        for y in 0..<img.height {
            for x in 0..<img.width {
                let p = img.pixel(x: x, y: y)
                if p == SIMD4(255, 0, 255, 255) { nodata += 1 }
                if abs(Int(p[1]) - Int((mid.green * 255).rounded())) <= 1, abs(Int(p[0]) - Int((mid.red * 255).rounded())) <= 1,
                   abs(Int(p[2]) - Int((mid.blue * 255).rounded())) <= 1 { coloured += 1 }
            }
        }
        XCTAssertGreaterThan(coloured, 1000)
        XCTAssertEqual(Double(nodata) / Double(coloured), 3, accuracy: 0.3)
        XCTAssertFalse(RasterLayer(grid: Grid(width: 2, height: 1, values: [.infinity, .nan]), colormap: .viridis,
                                   vmin: 0, vmax: 1).hasValidData)
    }

    func testScatterOfExtremesRenders() {
        for data in Self.dataSets {
            assertRenders(try Panel.scatter(observed: data, predicted: data.reversed()), "scatter \(describe(data))")
            assertRenders(try Panel.scatter(observed: data, predicted: data.map { -$0 }), "scatter negated \(describe(data))")
        }
    }

    func testSeriesOfExtremeDatesAndValuesRenders() throws {
        for data in Self.dataSets {
            let dates = data.enumerated().map { i, _ in 1.6e9 + Double(i) * 86400 }
            assertRenders(Panel.series([try Series(x: data, y: dates.map { _ in 1 })]), "series dates \(describe(data))")
            assertRenders(Panel.series([try Series(x: dates, y: data)]), "series values \(describe(data))")
        }
        // A date of 1e300 s cannot be shown: the other points are drawn, the axis stays on real dates.
        let panel = Panel.series([try Series(x: [1.6e9, 1e300, 1.7e9], y: [1, 2, 3])])
        XCTAssertEqual(panel.dataRanges().x, 1.6e9...1.7e9)
        assertRenders(panel, "series with a date of 1e300 s")
    }

    func testDecayOfExtremesRenders() throws {
        for data in Self.dataSets {
            let times = data.indices.map { 1e-5 * pow(1.5, Double($0)) }
            assertRenders(Panel.decay([try Series(label: "a", x: times, y: data)]), "decay values \(describe(data))")
            assertRenders(Panel.decay([try Series(label: "a", x: data, y: times)]), "decay times \(describe(data))")
        }
    }

    func testHistogramOfExtremesRenders() {
        for (i, data) in Self.dataSets.enumerated() {
            // 100 000 bins (the most allowed) draws slowly: a few data sets are enough for it.
            for binning in [Histogram.Binning.auto, .count(1)] + (i % 20 == 0 ? [.count(100_000)] : []) {
                assertRenders(try Panel.histogram(data, options: HistogramOptions(binning: binning)),
                              "histogram \(binning) \(describe(data))")
            }
        }
    }

    func testHistogramRejectsImpossibleBinCounts() {
        for n in [0, -1, Int.min, 100_001, Int.max] {
            XCTAssertThrowsError(try Histogram(values: [1, 2], binning: .count(n))) { e in
                XCTAssertTrue("\(e)".contains("bins"), "\(e)")
            }
        }
    }

    func testHistogramOfExtremesCountsEveryFiniteValue() throws {
        let h = try Histogram(values: [-.greatestFiniteMagnitude, 0, .greatestFiniteMagnitude, .infinity, .nan])
        XCTAssertEqual(h.total, 3)
        XCTAssertTrue(h.edges.allSatisfy(\.isFinite))
        XCTAssertEqual(try Histogram(values: [1e300, 1e300]).total, 2)
        XCTAssertEqual(Histogram.freedmanDiaconisBins([0, 0, 0, 1e-300, 1e300]), 1000)
    }

    func testFigureSizeLimitsAreErrors() {
        let panel = Panel.series([])
        for (w, h, dpi) in [(0, 600, 100.0), (-5, 600, 100), (800, 1_000_000, 100), (1_000_000, 1_000_000, 100),
                            (800, 600, 0), (800, 600, .nan), (800, 600, .infinity), (Int.max, Int.max, 100)] {
            XCTAssertThrowsError(try Figure(panel, width: w, height: h, dpi: dpi).render()) { e in
                XCTAssertTrue("\(e)".hasPrefix("invalid figure"), "\(e)")
            }
        }
        XCTAssertThrowsError(try Figure(panel, width: 20000, height: 20000).checkSize(budget: .init(bytes: 1 << 30))) { e in
            XCTAssertTrue("\(e)".contains("memory budget"), "\(e)")
        }
    }

    // MARK: the arithmetic underneath

    func testTicksAndRangesStayFinite() {
        for a in Self.extremes where a.isFinite {
            for b in Self.extremes where b.isFinite {
                let t = NiceNumbers.ticks(min: a, max: b, count: 5)
                XCTAssertTrue(t.step > 0 && t.step.isFinite, "\(a) \(b)")
                XCTAssertTrue(t.values.allSatisfy(\.isFinite) && t.values.count <= 1001, "\(a) \(b)")
                XCTAssertEqual(t.values, t.values.sorted(), "\(a) \(b)")
                _ = NiceNumbers.labels(t.values, step: t.step)
                for scale in [AxisScale.linear, .log, .date] {
                    let r = Axis(scale: scale).resolvedRange(data: min(a, b)...max(a, b))
                    XCTAssertTrue(r.0.isFinite && r.1.isFinite && r.0 <= r.1, "\(scale) \(a) \(b) → \(r)")
                    _ = Axis(scale: scale).ticks(lower: r.0, upper: r.1, count: 5)
                }
                let s = Scale(kind: .linear, domain: (a, b), range: (0, 100))
                XCTAssertTrue(s.position(a).isFinite && s.position(b).isFinite, "\(a) \(b)")
            }
        }
        XCTAssertEqual(Scale(kind: .linear, domain: (-.greatestFiniteMagnitude, .greatestFiniteMagnitude),
                             range: (0, 100)).position(0), 50)
        _ = NiceNumbers.labels([0, .leastNonzeroMagnitude], step: 0)
        _ = NiceNumbers.labels([1], step: .infinity)
    }

    func testDatesOfExtremes() {
        XCTAssertEqual(UTCDate(secondsSinceEpoch: 1e300).year, 1_000_000)
        XCTAssertEqual(UTCDate(secondsSinceEpoch: -.infinity).year, -1_000_000)
        XCTAssertEqual(UTCDate(secondsSinceEpoch: .nan).year, 1970)
        XCTAssertLessThanOrEqual(DateTicks.ticks(min: 1e300, max: 1e300).count, 501)
        XCTAssertLessThanOrEqual(DateTicks.ticks(min: -1e300, max: 1e300).count, 501)
    }

    func testFitsAndMetricsOfExtremes() throws {
        let x: [Double] = [-1e308, 0, 1e308], y: [Double] = [-1e308, 0, 1e308]
        let fit = try XCTUnwrap(LinearFit(x: x, y: y))
        XCTAssertEqual(fit.slope, 1, accuracy: 1e-12)
        XCTAssertEqual(fit.intercept, 0, accuracy: 1e-12)
        let m = try Metrics(observed: x, predicted: y)
        XCTAssertEqual(m.count, 3)
        XCTAssertEqual(m.bias, 0)
        XCTAssertNil(LinearFit(x: [1, 1], y: [.infinity, 2]))
    }
}
