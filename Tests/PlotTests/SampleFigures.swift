import GeoSupport
import Foundation
import Grid
@testable import Plot

/// Sample data identical everywhere: uniforms of `SplitMix64` (the same stream the golden images were drawn with).
struct TestRandom {
    private var generator: SplitMix64
    init(seed: UInt64) { generator = SplitMix64(seed: seed) }
    mutating func next() -> Double { generator.unit() }
    /// Approximately normal (sum of 12 uniforms − 6).
    mutating func normal() -> Double { (0..<12).reduce(0) { acc, _ in acc + next() } - 6 }
}

/// The sample figure of each plot kind, shared by the golden-image and rendering tests.
enum SampleFigures {
    static let geoTransform = GeoTransform(originX: 500_000, pixelWidth: 10, originY: 4_200_000, pixelHeight: -10)

    /// A synthetic 200×150 DEM with a nodata hole.
    static func dem() -> Grid<Double> {
        Grid(width: 200, height: 150, nodata: -9999) { c, r in
            let x = Double(c), y = Double(r)
            if (x - 150) * (x - 150) + (y - 40) * (y - 40) < 200 { return -9999 }
            return 500 + 220 * sin(x / 23) * cos(y / 19) + 1.5 * x + 80 * exp(-((x - 60) * (x - 60) + (y - 90) * (y - 90)) / 300)
                + 6 * sin(x / 3.1 + y / 5.3) * cos(y / 4.2)
        }
    }

    static func map() throws -> Figure {
        let panel = try Panel.map(dem(), options: MapOptions(
            colormap: "terrain", hillshade: true, geoTransform: geoTransform, title: "Synthetic DEM",
            xLabel: "Easting (m)", yLabel: "Northing (m)", colorbarLabel: "Elevation (m)"))
        return Figure(panel, width: 800, height: 600)
    }

    static func scatterData(n: Int = 2000) -> (obs: [Double], pred: [Double]) {
        var rng = TestRandom(seed: 42)
        var obs: [Double] = [], pred: [Double] = []
        for _ in 0..<n {
            let o = 285 + 30 * rng.next()
            obs.append(o)
            pred.append(0.9 * o + 30 + 1.5 * rng.normal())
        }
        return (obs, pred)
    }

    static func scatter() throws -> Figure {
        let d = scatterData()
        let panel = try Panel.scatter(observed: d.obs, predicted: d.pred, options: ScatterOptions(
            title: "LST: model vs ECOSTRESS", xLabel: "Observed LST (K)", yLabel: "Predicted LST (K)"))
        return Figure(panel, width: 640, height: 600)
    }

    static func series() throws -> Figure {
        let t0 = UTCDate(year: 2020, month: 1, day: 1).secondsSinceEpoch
        let days = (0..<730).map { t0 + Double($0) * 86400 }
        var rng = TestRandom(seed: 7)
        let sites = ["Site A", "Site B", "Site C"]
        let series = try sites.enumerated().map { k, name in
            try Series(label: name, x: days, y: days.indices.map { i in
                i % 97 == 13 ? .nan : 290 + Double(k) * 4 + 12 * sin(2 * .pi * (Double(i) - 100) / 365.25) + rng.normal()
            })
        }
        let panel = Panel.series(series, options: LineOptions(title: "Daily mean LST", xLabel: "Date (UTC)", yLabel: "LST (K)"))
        return Figure(panel, width: 900, height: 500)
    }

    static func decay() throws -> Figure {
        let times = (0..<31).map { pow(10, -5 + 3 * Double($0) / 30) }
        let soundings = try [(1.0, "S1 (10 Ωm)"), (3.0, "S2 (30 Ωm)"), (10.0, "S3 (100 Ωm)")].map { (f, name) in
            try Series(label: name, x: times, y: times.map { t in 1e-9 * f * pow(t / 1e-5, -2.5) * exp(-t / (f * 3e-3)) + 1e-13 })
        }
        return Figure(Panel.decay(soundings, options: LineOptions(title: "Central-loop TEM decays", xLabel: "Time (s)",
                                                                  yLabel: "dBz/dt (T/s per A)", style: .lineAndMarkers)),
                      width: 700, height: 600)
    }

    static func histogram() throws -> Figure {
        var rng = TestRandom(seed: 3)
        let values = (0..<5000).map { _ in 300 + 4 * rng.normal() }
        return Figure(try Panel.histogram(values, options: HistogramOptions(title: "LST distribution", xLabel: "LST (K)")),
                      width: 700, height: 500)
    }

    static let all: [(String, @Sendable () throws -> Figure)] = [
        ("map", map), ("scatter", scatter), ("series", series), ("decay", decay), ("histogram", histogram),
    ]
}
