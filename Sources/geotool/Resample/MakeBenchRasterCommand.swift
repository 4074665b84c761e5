import GeoSupport
import ArgumentParser
import Foundation
import Grid
import Raster

/// Hidden: `geotool make-bench-raster OUT --size N` streams a deterministic Float32 GeoTIFF
/// (UTM 33N, 10 m, tiled, uncompressed, ≈3 % nodata in blobs) for the resample/reproject benchmarks.
struct MakeBenchRasterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-bench-raster", abstract: "Write a large deterministic benchmark raster.", shouldDisplay: false)

    @Argument(help: "Output GeoTIFF.") var output: String
    @Option(help: "Width and height in pixels.") var size: Int = 16384
    @Option(help: "Tile size.") var block: Int = 512
    @Option(help: "Upper-left x (UTM 33N metres).") var originX: Double = 500_000
    @Option(help: "Upper-left y (UTM 33N metres).") var originY: Double = 5_100_000
    @Option(help: "Pixel size in metres.") var pixel: Double = 10
    @Option(help: "Random seed.") var seed: UInt64 = 1

    func run() throws {
        guard size > 0, block > 0 else { throw CLIError("make-bench-raster: --size and --block must be positive") }
        let georef = Georeference(
            geoTransform: GeoTransform(originX: originX, pixelWidth: pixel, originY: originY, pixelHeight: -pixel),
            crsWKT: try SpatialReference(epsg: 32633).wkt1)
        let out = try RasterOutput(path: output, width: size, height: size, dataType: .float32, georeference: georef,
                                   creationOptions: ["COMPRESS": "NONE", "BLOCKXSIZE": "\(block)", "BLOCKYSIZE": "\(block)",
                                                     "BIGTIFF": "YES"])
        let band = try out.dataset.band(1)
        try band.setNodata(-9999)
        var rng = SplitMix64(seed: seed)
        // Nodata blobs: discs covering ≈3 % of the area.
        let blobCount = max(1, size * size / 40_000)
        let radius = 20.0
        let blobs = (0..<blobCount).map { _ in (rng.unit() * Double(size), rng.unit() * Double(size)) }
        let blobRows = Dictionary(grouping: blobs) { Int($0.1) / block }
        let progress = Console.Progress("make-bench-raster")
        var strip = [Float](repeating: 0, count: size * block)
        for top in stride(from: 0, to: size, by: block) {
            let rows = min(block, size - top)
            for r in 0..<rows {
                let y = Double(top + r)
                for c in 0..<size {
                    let x = Double(c)
                    strip[r * size + c] = Float(500 + 200 * sin(x / 900) * cos(y / 700) + rng.unit() * 5)
                }
            }
            for br in (top / block - 1)...(top / block + 1) {
                for (bx, by) in blobRows[br] ?? [] {
                    let r0 = max(0, Int(by - radius) - top), r1 = min(rows, Int(by + radius) + 1 - top)
                    guard r0 < r1 else { continue }
                    for r in r0..<r1 {
                        for c in max(0, Int(bx - radius))..<min(size, Int(bx + radius) + 1) {
                            let dx = Double(c) - bx, dy = Double(top + r) - by
                            if dx * dx + dy * dy <= radius * radius { strip[r * size + c] = -9999 }
                        }
                    }
                }
            }
            try strip.withUnsafeBufferPointer {
                try band.write(UnsafeBufferPointer(rebasing: $0[0..<(rows * size)]),
                               window: Window(col: 0, row: top, width: size, height: rows))
            }
            progress.update(Double(top + rows) / Double(size))
        }
        try out.commit()
    }
}
