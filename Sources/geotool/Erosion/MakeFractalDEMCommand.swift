import GeoSupport
import ArgumentParser
import Foundation
import Grid
import Raster
import Operations

/// Hidden: `geotool erosion make-dem OUT --size N [--seed S]` writes a deterministic fractal DEM
/// with pits (diamond-square, Hurst 0.8, plus pit noise; Float32, UTM 33N, 30 m) for benchmarks.
struct MakeFractalDEMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-dem", abstract: "Write a deterministic fractal benchmark DEM.", shouldDisplay: false)

    @Argument(help: "Output GeoTIFF.")
    var output: String

    @Option(help: "Width and height in pixels.")
    var size: Int = 1000

    @Option(help: "Random seed.")
    var seed: UInt64 = 42

    func run() throws {
        guard size >= 3 else { throw CLIError("make-dem: --size must be ≥ 3") }
        let grid = FractalDEM.make(size: size, seed: seed)
        let wkt = try SpatialReference(epsg: 32633).wkt
        let georef = Georeference(geoTransform: GeoTransform(originX: 500_000, pixelWidth: 30, originY: 5_000_000, pixelHeight: -30),
                                  crsWKT: wkt)
        try RasterFile.write(grid, to: output, georeference: georef, metadata: Provenance.metadata(inputs: []))
    }
}

/// Diamond-square terrain with white-noise pits.
enum FractalDEM {
    static func make(size: Int, seed: UInt64) -> Grid<Float> {
        var rng = SplitMix64(seed: seed)
        var n = 1
        while n + 1 < size { n *= 2 }
        let s = n + 1
        var z = [Double](repeating: 0, count: s * s)
        func rand() -> Double { rng.unit() * 2 - 1 }
        z[0] = rand(); z[n] = rand(); z[n * s] = rand(); z[n * s + n] = rand()
        var step = n, amp = 1.0
        let h = 0.8
        while step > 1 {
            let half = step / 2
            for r in stride(from: half, to: s, by: step) {
                for c in stride(from: half, to: s, by: step) {
                    let a = z[(r - half) * s + c - half], b = z[(r - half) * s + c + half]
                    let d = z[(r + half) * s + c - half], e = z[(r + half) * s + c + half]
                    z[r * s + c] = (a + b + d + e) / 4 + amp * rand()
                }
            }
            for r in stride(from: 0, to: s, by: half) {
                for c in stride(from: (r / half) % 2 == 0 ? half : 0, to: s, by: step) {
                    var sum = 0.0, cnt = 0.0
                    for (dr, dc) in [(-half, 0), (half, 0), (0, -half), (0, half)] {
                        let rr = r + dr, cc = c + dc
                        if rr >= 0, rr < s, cc >= 0, cc < s { sum += z[rr * s + cc]; cnt += 1 }
                    }
                    z[r * s + c] = sum / cnt + amp * rand()
                }
            }
            step = half
            amp *= pow(0.5, h)
        }
        let lo = z.min()!, hi = z.max()!
        return Grid(width: size, height: size) { c, r in
            let v = (z[r * s + c] - lo) / (hi - lo) * 1000 + 100
            return Float(v + rng.unit() * 2)        // ±1 m noise: many small pits
        }
    }
}
