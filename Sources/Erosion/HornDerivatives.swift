import GeoSupport
import Foundation
import Grid

/// Slope and aspect by Horn (1981), following `gdaldem slope` / `gdaldem aspect` (GDAL 3.6) exactly.
///
/// For the 3×3 window  w0 w1 w2 / w3 w4 w5 / w6 w7 w8  (row 0 = north):
///
///     gx = ((w0 + w3 + w3 + w6) − (w2 + w5 + w5 + w8)) / dx      (dx, dy in metres)
///     gy = ((w6 + w7 + w7 + w8) − (w0 + w1 + w1 + w2)) / dy
///     slope° = atan(√(gx² + gy²) / 8) · 180/π,     slope% = 100 · √(gx² + gy²) / 8
///     aspect: ax = (w2 + 2w5 + w8) − (w0 + 2w3 + w6),  ay = (w6 + 2w7 + w8) − (w0 + 2w1 + w2)
///             θ = atan2(ay, −ax) in degrees; azimuth = θ > 90 ? 450 − θ : 90 − θ; 360 → 0
///             (0° = north, clockwise, the direction the slope faces, i.e. downslope);
///             ax = ay = 0 (flat) → `flatAspect` (gdaldem: −9999, with -zero_for_flat: 0).
///
/// Slope and aspect use GDAL 3.6's single-precision arithmetic (window sums, products, atan in
/// `Float`) so they reproduce gdaldem's Float32 output; the gradient used for LS/USPED is double.
/// gdaldem's aspect ignores the pixel size; for non-square pixels this implementation divides
/// ax by dx and ay by dy (true downslope azimuth) — identical to gdaldem when dx == dy.
/// Geographic DEMs: gdaldem needs `-s 111120`; here pass metric `CellGeometry`, whose sizes may vary by
/// row (`CellGeometry.geographic(transform:height:)`): each row uses its own dx and dy.
///
/// Edges: like gdaldem, the one-pixel border and every cell with a nodata neighbour are nodata
/// (−9999) unless `computeEdges` (gdaldem `-compute_edges`, reproduced exactly): outside cells are
/// extrapolated linearly (2·edge − inner; corners of the first and last rows repeat the edge column)
/// and nodata neighbours take the centre value.
public enum HornDerivatives {
    /// Nodata value of slope and aspect grids (as gdaldem).
    public static let nodata: Float = -9999

    public enum SlopeUnit: String, Sendable, Codable { case degrees, percent }

    /// Horn slope in degrees or percent (Float32, nodata −9999).
    public static func slope(_ dem: Grid<Double>, geometry: CellGeometry, unit: SlopeUnit = .degrees,
                             computeEdges: Bool = false, jobs: Int = 1) -> Grid<Float> {
        // GDAL 3.6 arithmetic: window sums and products in single precision (Float), as gdaldem.
        let (ix, iy) = inverseSizes(geometry, rows: dem.height)
        return map(dem, computeEdges: computeEdges, jobs: jobs) { r, w in slopeValue(w, ix: ix[r], iy: iy[r], unit: unit) }
    }

    /// gdaldem's slope of one window (single precision).
    @inline(__always) static func slopeValue(_ w: Window3, ix: Float, iy: Float, unit: SlopeUnit) -> Float {
        let f = single(w)
        let gx = ((f.0 + f.3 + f.3 + f.6) - (f.2 + f.5 + f.5 + f.8)) * ix
        let gy = ((f.6 + f.7 + f.7 + f.8) - (f.0 + f.1 + f.1 + f.2)) * iy
        let key = gx * gx + gy * gy
        return unit == .degrees ? atan(key.squareRoot() * (1 / 8 as Float)) * (180 / Float.pi) : (100 / 8 as Float) * key.squareRoot()
    }

    /// Horn aspect in degrees clockwise from north (Float32, nodata −9999; flat → `flatAspect`).
    public static func aspect(_ dem: Grid<Double>, geometry: CellGeometry, flatAspect: Float = -9999,
                              computeEdges: Bool = false, jobs: Int = 1) -> Grid<Float> {
        let (ix, iy) = inverseSizes(geometry, rows: dem.height)
        let square = (0..<dem.height).map { geometry.dx(row: $0) == geometry.dy(row: $0) }
        return map(dem, computeEdges: computeEdges, jobs: jobs) { r, w in
            aspectValue(w, ix: ix[r], iy: iy[r], square: square[r], flatAspect: flatAspect)
        }
    }

    /// gdaldem's aspect of one window (single precision; non-square pixels scaled by 1/dx, 1/dy).
    @inline(__always) static func aspectValue(_ w: Window3, ix: Float, iy: Float, square: Bool, flatAspect: Float) -> Float {
        let f = single(w)
        var ax = (f.2 + f.5 + f.5 + f.8) - (f.0 + f.3 + f.3 + f.6)
        var ay = (f.6 + f.7 + f.7 + f.8) - (f.0 + f.1 + f.1 + f.2)
        if ax == 0 && ay == 0 { return flatAspect }
        if !square { ax *= ix; ay *= iy }
        var a = atan2(ay, -ax) * (180 / Float.pi)
        a = a > 90 ? 450 - a : 90 - a
        return a == 360 ? 0 : a
    }

    /// 1/dx and 1/dy of every row in single precision.
    static func inverseSizes(_ g: CellGeometry, rows: Int) -> (x: [Float], y: [Float]) {
        ((0..<rows).map { 1 / Float(g.dx(row: $0)) }, (0..<rows).map { 1 / Float(g.dy(row: $0)) })
    }

    /// The window in single precision (GDAL's `float` template for Float32 and integer DEMs).
    @inline(__always) static func single(_ w: Window3) -> (Float, Float, Float, Float, Float, Float, Float, Float, Float) {
        (Float(w.0), Float(w.1), Float(w.2), Float(w.3), Float(w.4), Float(w.5), Float(w.6), Float(w.7), Float(w.8))
    }

    typealias Window3 = (Double, Double, Double, Double, Double, Double, Double, Double, Double)

    static func map(_ dem: Grid<Double>, computeEdges: Bool, jobs: Int, _ f: (_ row: Int, Window3) -> Float) -> Grid<Float> {
        var out = [Float](repeating: nodata, count: dem.count)
        out.withUnsafeMutableBufferPointer { op in
            let b = SharedBuffer(op)
            dem.values.withUnsafeBufferPointer { z in
                forEachWindow(z, valid: ValidMask(dem).valid, width: dem.width, height: dem.height,
                              computeEdges: computeEdges, jobs: jobs) { i, r, w in b[i] = f(r, w) }
            }
        }
        return Grid(width: dem.width, height: dem.height, values: out, nodata: nodata)
    }

    /// Calls `body(i, row, window)` for every cell whose 3×3 window is defined (see type doc for edges).
    /// `z` holds the elevations (any floating-point storage, read as Double), `valid` their validity.
    static func forEachWindow<S: BinaryFloatingPoint & Sendable>(_ z: UnsafeBufferPointer<S>, valid: [Bool], width w: Int, height h: Int,
                                                                 computeEdges: Bool, jobs: Int, _ body: (Int, Int, Window3) -> Void) {
        guard w > 0, h > 0 else { return }
        do {
            WorkerThreads.forRows(h, jobs: jobs) { rows in
                for r in rows {
                    for c in 0..<w {
                        let i = r * w + c
                        guard valid[i] else { continue }
                        if r > 0 && c > 0 && r < h - 1 && c < w - 1 {
                            let a = i - w, b = i + w
                            if valid[a - 1] && valid[a] && valid[a + 1] && valid[i - 1] && valid[i + 1]
                                && valid[b - 1] && valid[b] && valid[b + 1] {
                                body(i, r, (Double(z[a - 1]), Double(z[a]), Double(z[a + 1]), Double(z[i - 1]), Double(z[i]),
                                            Double(z[i + 1]), Double(z[b - 1]), Double(z[b]), Double(z[b + 1])))
                                continue
                            }
                        }
                        guard computeEdges, w >= 2, h >= 2 else { continue }
                        // gdaldem -compute_edges (GDAL 3.6 GDALGeneric3x3Processing): outside cells are
                        // extrapolated 2·edge − inner across the first/last row and column (a pair with
                        // nodata extrapolates to nodata); in the first and last rows the corner columns repeat
                        // the edge column instead; every nodata window value then takes the centre value.
                        let nan = Double.nan
                        @inline(__always) func at(_ rr: Int, _ cc: Int) -> Double {
                            let j = rr * w + cc
                            return valid[j] ? Double(z[j]) : nan
                        }
                        @inline(__always) func extrapolated(_ a: Double, _ b: Double) -> Double { 2 * a - b }   // NaN stays NaN
                        var win: [Double]
                        if r == 0 || r == h - 1 {
                            let cmin = c == 0 ? c : c - 1, cmax = c == w - 1 ? c : c + 1
                            let inner = r == 0 ? 1 : h - 2
                            let outside = [extrapolated(at(r, cmin), at(inner, cmin)), extrapolated(at(r, c), at(inner, c)),
                                           extrapolated(at(r, cmax), at(inner, cmax))]
                            let edge = [at(r, cmin), at(r, c), at(r, cmax)]
                            let inside = [at(inner, cmin), at(inner, c), at(inner, cmax)]
                            win = r == 0 ? outside + edge + inside : inside + edge + outside
                        } else {
                            let rows = [r - 1, r, r + 1]
                            win = []
                            for rr in rows {
                                if c == 0 {
                                    win += [extrapolated(at(rr, 0), at(rr, 1)), at(rr, 0), at(rr, 1)]
                                } else if c == w - 1 {
                                    win += [at(rr, c - 1), at(rr, c), extrapolated(at(rr, c), at(rr, c - 1))]
                                } else {
                                    win += [at(rr, c - 1), at(rr, c), at(rr, c + 1)]
                                }
                            }
                        }
                        let zc = Double(z[i])
                        for k in 0..<9 where win[k].isNaN { win[k] = zc }
                        body(i, r, (win[0], win[1], win[2], win[3], win[4], win[5], win[6], win[7], win[8]))
                    }
                }
            }
        }
    }
}
