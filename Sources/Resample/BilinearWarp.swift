import Foundation
import GeoSupport
import Grid
import Raster

/// geotool's own bilinear warp: the computation GDAL 3.6's `gdalwarp -r bilinear` performs for a
/// one-band Float32 raster with a nodata value when the output shrinks one axis by more than 5 %
/// (GDAL's general `GWKResample` path), redone operation for operation in Double, so the output is
/// bit-identical to gdalwarp's (the tests compare every pixel) at a fraction of the time. GDAL runs
/// that path through per-pixel row fetches and a filter called through a function pointer per tap;
/// here each pixel is a few fused loops over its taps.
///
/// GDAL's own parts are used wherever they decide a value: the output grid comes from `GDALWarp`
/// itself (an in-memory warped VRT), destination pixel centres go through GDAL's approximate
/// transformer row by row as in its kernel (`WarpTransformer`). What is reproduced is the
/// warp operation's source window and scale for a single chunk, the nodata mask (a value within
/// 2 float ULPs-of-the-sum of the nodata is nodata), the centre-pixel rule (a destination pixel
/// whose containing source pixel is nodata stays nodata), the bilinear weights `1 − |t|` with the
/// shrinking axis' taps stretched by its scale, the valid-weight renormalisation (skipped within
/// 1e-5 of 1), NaN source pixels counting as data (they propagate, as in GDAL), and the exact
/// re-transformation of a pixel centre the approximation put less than a pixel outside the source.
///
/// `plan` returns nil for every case outside that envelope (other types or methods, several bands,
/// masks or overviews, no nodata, both scales ≥ 0.95 — GDAL's 4-sample formula —, a source window
/// smaller than the source, an output GDAL would split into chunks); the caller then runs GDALWarp.
/// COG output is left to GDALWarp too: gdalwarp -of COG warps through a VRT read block by block,
/// each block a chunk with its own scale, so its pixels differ from the GTiff path's (64,142
/// pixels of the output of a 300×260 test raster).
struct BilinearWarp {
    /// gdalwarp's output as a warped VRT: size, geotransform, CRS, nodata, copied metadata.
    let grid: Dataset
    let transformer: WarpTransformer
    let source: Dataset
    let nodata: Double
    let scale: (x: Double, y: Double)
    let radius: (x: Int, y: Int)

    /// The warp memory GDAL works with for gdalwarp `arguments`, in bytes: `-wm` (megabytes below
    /// 10,000, bytes above, as gdalwarp reads it), 64 MiB without one.
    static func warpMemory(_ arguments: [String]) -> Double {
        guard let i = arguments.firstIndex(of: "-wm"), i + 1 < arguments.count, let v = Double(arguments[i + 1]) else {
            return 64 * 1024 * 1024
        }
        return v < 10_000 ? v * 1024 * 1024 : v
    }

    /// The plan for warping `source` as `gdalwarp <arguments>` would (arguments as
    /// `Reprojection.gdalwarpArguments`, `targetSRS` the exact `-t_srs` string), or nil when the
    /// case is not one this reproduces.
    static func plan(source: Dataset, targetSRS: String, arguments: [String]) throws -> BilinearWarp? {
        guard source.bandCount == 1 else { return nil }
        let band = try source.band(1)
        guard band.dataType == .float32, let nodata = band.nodata, band.isMaskedByNodataOnly,
              band.overviewCount == 0, nodata.isNaN || Double(Float(nodata)) == nodata else { return nil }
        let grid = try Dataset.warpedGrid(source, arguments: arguments)
        guard let gt = grid.geoTransform, grid.bandCount == 1 else { return nil }
        let transformer = try WarpTransformer(source: source, targetSRS: targetSRS, destinationGeoTransform: gt)
        guard let fillRatio = sourceWindow(transformer, width: grid.width, height: grid.height,
                                        sourceWidth: source.width, sourceHeight: source.height) else { return nil }
        let scale = (x: warpScale(destination: grid.width, source: source.width),
                     y: warpScale(destination: grid.height, source: source.height))
        // Both ≥ 0.95: GDAL takes its 4-sample formula instead (not reproduced here).
        guard scale.x < 0.95 || scale.y < 0.95 else { return nil }
        // One chunk: GDAL splits the output when its buffers exceed the warp memory (Float32 +
        // one mask bit per pixel on both sides) or when the source fills under half of the
        // sampled window; stay clear of both thresholds.
        let bits = 33.0 * Double(source.width * source.height) + 33.0 * Double(grid.width * grid.height)
        guard bits / 8 < 0.8 * warpMemory(arguments), fillRatio > 0.55 else { return nil }
        return BilinearWarp(grid: grid, transformer: transformer, source: source, nodata: nodata, scale: scale,
                            radius: (x: scale.x < 1 ? Int((1 / scale.x).rounded(.up)) : 1,
                                     y: scale.y < 1 ? Int((1 / scale.y).rounded(.up)) : 1))
    }

    /// The warp operation's resampling scale along one axis for a whole-source window: output
    /// pixels per source pixel, snapped to 1/n when within 0.05 of it after inversion.
    static func warpScale(destination: Int, source: Int) -> Double {
        var s = Double(destination) / Double(source)
        if source == destination { s = 1 }
        if s < 1 {
            let r = 1 / s
            let n = Int(r + 0.5)
            if abs(r - Double(n)) < 0.05 { s = 1 / Double(n) }
        }
        return s
    }

    /// The fill ratio of the source window GDAL's `ComputeSourceWindow` would take (source pixels
    /// over the sampled window's area: under 0.5 GDAL splits the output), or nil unless that
    /// window is the whole source (the destination's edges, sampled 21 times each at pixel
    /// corners, all transform and enclose the source).
    static func sourceWindow(_ transformer: WarpTransformer, width: Int, height: Int,
                             sourceWidth: Int, sourceHeight: Int) -> Double? {
        var xs: [Double] = [], ys: [Double] = []
        let w = Double(width), h = Double(height), step = 1.0 / 20
        var r = 0.0
        while r <= 1.0 + step * 0.5 {
            xs += [r * w, r * w, 0, w]
            ys += [0, h, r * h, r * h]
            r += step
        }
        var zs = [Double](repeating: 0, count: xs.count), ok = [Int32](repeating: 0, count: xs.count)
        guard transformer.destinationToSource(count: xs.count, x: &xs, y: &ys, z: &zs, success: &ok),
              ok.allSatisfy({ $0 != 0 }), !xs.contains(where: \.isNaN), !ys.contains(where: \.isNaN) else { return nil }
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        guard minX <= 0, minY <= 0, maxX >= Double(sourceWidth), maxY >= Double(sourceHeight),
              // GDAL recomputes "absurd" windows with an inverse-projection check: leave those to it.
              minX > -1e6, minY > -1e6, maxX < Double(sourceWidth) + 1e6, maxY < Double(sourceHeight) + 1e6
        else { return nil }
        func radius(_ n: Double, _ span: Double) -> Double {
            let s = max(1e-3, n / span)
            return s < 0.95 ? (1 / s).rounded(.up) : 1
        }
        let rx = radius(w, maxX - minX), ry = radius(h, maxY - minY)
        let fill = Double(sourceWidth) * Double(sourceHeight) / max(1, (maxX - minX + 2 * rx) * (maxY - minY + 2 * ry))
        return fill
    }

    /// Warps into a new GTiff at `path` with `creationOptions`, closed when this returns. Output
    /// rows are shared out in bands of 16 to `threads` threads, each with its own copy of the
    /// transformer (the rows are independent, so the pixels do not depend on the thread count).
    func write(to path: String, creationOptions: [String: String], threads: Int = 1) throws {
        let width = grid.width, height = grid.height
        let pixels = try source.band(1).read(Float.self).values
        var out = [Float](repeating: Float(nodata), count: width * height)
        let valid = Self.validity(pixels, nodata: nodata)
        let kernel = Kernel(width: source.width, height: source.height, scale: scale, radius: radius)
        let bands = (height + 15) / 16
        let threadCount = max(1, min(threads, bands))
        let blueprint = threadCount > 1 ? try transformer.blueprint() : nil
        let failure = FirstError()
        try pixels.withUnsafeBufferPointer { src in
            try valid.withUnsafeBufferPointer { mask in
                try out.withUnsafeMutableBufferPointer { dst in
                    let rows = RowWarp(kernel: kernel, source: src, mask: mask.isEmpty ? nil : mask, output: dst,
                                       width: width, path: self.source.path)
                    guard let blueprint else {
                        return try rows.warp(0..<height, with: transformer)
                    }
                    // One transformer per thread (GDAL state belongs to one thread); bands of 16 rows dealt
                    // round-robin; the first error stops every thread at its next band.
                    _ = try WorkerThreads.map(count: threadCount, jobs: threadCount) { t in
                        do {
                            let own = try WarpTransformer(blueprint: blueprint)
                            for band in stride(from: t, to: bands, by: threadCount) where !failure.isSet {
                                try rows.warp((band * 16)..<min(height, band * 16 + 16), with: own)
                            }
                        } catch {
                            failure.record(error)
                            throw error
                        }
                    }
                }
            }
        }
        let ds = try Dataset.create(path, width: width, height: height, dataType: .float32, options: creationOptions)
        try ds.copyProperties(from: grid)
        try out.withUnsafeBufferPointer { try ds.band(1).write($0, window: ds.window) }
        try ds.close()
    }

    /// Output rows through the kernel: pixel centres transformed row by row, then resampled into
    /// the shared output (threads write disjoint rows).
    private struct RowWarp: @unchecked Sendable {
        let kernel: Kernel
        let source: UnsafeBufferPointer<Float>
        let mask: UnsafeBufferPointer<UInt8>?
        let output: UnsafeMutableBufferPointer<Float>
        let width: Int
        let path: String

        func warp(_ rows: Range<Int>, with transformer: WarpTransformer) throws {
            var xs = [Double](repeating: 0, count: width), ys = xs, zs = xs
            var ok = [Int32](repeating: 0, count: width)
            for row in rows {
                for i in 0..<width {
                    xs[i] = Double(i) + 0.5 + 0
                    ys[i] = Double(row) + 0.5 + 0
                    zs[i] = 0
                }
                guard transformer.destinationToSource(count: width, x: &xs, y: &ys, z: &zs, success: &ok) else {
                    throw ResampleError.invalidInput(path: path, "coordinate transformation failed on output row \(row)")
                }
                let line = UnsafeMutableBufferPointer(rebasing: output[(row * width)..<((row + 1) * width)])
                kernel.resampleRow(xs, ys, ok, source: source, mask: mask, into: line) { i in
                    var x = Double(i) + 0.5 + 0, y = Double(row) + 0.5 + 0, z = 0.0
                    var success: Int32 = 0
                    guard transformer.destinationToSource(count: 1, x: &x, y: &y, z: &z, success: &success),
                          success != 0 else { return nil }
                    return (x, y)
                }
            }
        }
    }

    /// GDAL's nodata mask of a Float32 band: 1 = valid. A value is nodata when it equals the nodata
    /// as a float or lies within `2 ε |v + nodata|` of it (GDAL's ARE_REAL_EQUAL, in float); NaN is
    /// nodata only when the nodata is NaN. Empty when every pixel is valid (GDAL then drops the mask).
    static func validity(_ pixels: [Float], nodata: Double) -> [UInt8] {
        let nd = Float(nodata)
        var mask = [UInt8](repeating: 1, count: pixels.count)
        var allValid = true
        for (i, v) in pixels.enumerated() {
            let isNodata = nd.isNaN ? v.isNaN : (v == nd || abs(v - nd) < Float.ulpOfOne * abs(v + nd) * 2)
            if isNodata { mask[i] = 0; allValid = false }
        }
        return allValid ? [] : mask
    }

    /// The per-pixel arithmetic (GDAL's `GWKCheckAndComputeSrcOffsets` + `GWKResample` with the
    /// bilinear filter), for a whole-source window.
    struct Kernel {
        let width: Int, height: Int
        let scale: (x: Double, y: Double)
        let radius: (x: Int, y: Int)

        /// Resamples one output row whose pixel centres were transformed to source pixel
        /// coordinates `xs`, `ys` (`ok` non-zero where that succeeded). Pixels that get no value
        /// are left as they are (the caller filled the row with nodata).
        func resampleRow(_ xs: [Double], _ ys: [Double], _ ok: [Int32], source: UnsafeBufferPointer<Float>,
                         mask: UnsafeBufferPointer<UInt8>?, into out: UnsafeMutableBufferPointer<Float>,
                         retransform: (Int) -> (x: Double, y: Double)?) {
            let sw = width, sh = height
            var wx = [Double](repeating: 0, count: 2 * radius.x + 1)
            var wy = [Double](repeating: 0, count: 2 * radius.y + 1)
            for i in 0..<out.count {
                guard ok[i] != 0 else { continue }
                var px = xs[i], py = ys[i]
                guard !px.isNaN, !py.isNaN else { continue }
                if !(px >= 0 && py >= 0 && px + 1e-10 <= Double(sw) && py + 1e-10 <= Double(sh)) {
                    // Slightly outside (the approximation's error): GDAL transforms the point again
                    // on its own, i.e. exactly, and takes it if that lands inside.
                    guard px > -1, py > -1, px < Double(sw) + 1, py < Double(sh) + 1,
                          let exact = retransform(i),
                          exact.x >= 0, exact.y >= 0, exact.x + 1e-10 <= Double(sw), exact.y + 1e-10 <= Double(sh)
                    else { continue }
                    (px, py) = exact
                }
                // The source pixel containing the point must itself be valid.
                var cx = Int(px + 1e-10), cy = Int(py + 1e-10)
                if cx == sw { cx -= 1 }
                if cy == sh { cy -= 1 }
                if let mask, mask[cx + cy * sw] == 0 { continue }

                let ix = Int((px - 0.5).rounded(.down)), iy = Int((py - 0.5).rounded(.down))
                let dx = (px - 0.5) - Double(ix), dy = (py - 0.5) - Double(iy)
                var i0 = -radius.x, i1 = radius.x, j0 = -radius.y, j1 = radius.y
                if ix + i0 < 0 { i0 = -ix }
                if ix + i1 >= sw { i1 = sw - ix - 1 }
                if iy + j0 < 0 { j0 = -iy }
                if iy + j1 >= sh { j1 = sh - iy - 1 }
                for t in i0...i1 { wx[t + radius.x] = Self.weight(Double(t) - dx, scale.x) }
                for t in j0...j1 { wy[t + radius.y] = Self.weight(Double(t) - dy, scale.y) }

                var acc = 0.0, accWeight = 0.0
                for j in j0...j1 {
                    let rowStart = (iy + j) * sw + ix
                    var sum = 0.0, weight = 0.0
                    for t in i0...i1 {
                        if let mask, mask[rowStart + t] == 0 { continue }
                        let w2 = wx[t + radius.x]
                        sum += Double(source[rowStart + t]) * w2
                        weight += w2
                    }
                    let w1 = wy[j + radius.y]
                    acc += sum * w1
                    accWeight += weight * w1
                }
                guard accWeight >= 0.000001 else { continue }
                let value = (accWeight < 0.99999 || accWeight > 1.00001) ? acc / accWeight : acc
                out[i] = Float(value)
            }
        }

        /// GDAL's bilinear filter at offset `t` (in source pixels), stretched on a shrinking axis.
        @inline(__always)
        static func weight(_ t: Double, _ scale: Double) -> Double {
            let u = scale < 1 ? abs(t * scale) : abs(t)
            return u <= 1 ? 1 - u : 0
        }
    }
}
