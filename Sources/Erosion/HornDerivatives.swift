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
/// Geographic DEMs: gdaldem needs `-s 111120`; here pass metric `CellGeometry` (the CLI converts
/// degrees to metres at the centre latitude, see `CellGeometry.geographic`).
///
/// Edges: like gdaldem, the one-pixel border and every cell with a nodata neighbour are nodata
/// (−9999) unless `computeEdges` (gdaldem `-compute_edges`): outside cells are extrapolated
/// linearly (2·edge − inner) and nodata neighbours take the centre value.
public enum HornDerivatives {
    /// Nodata value of slope and aspect grids (as gdaldem).
    public static let nodata: Float = -9999

    public enum SlopeUnit: String, Sendable, Codable { case degrees, percent }

    /// Horn slope in degrees or percent (Float32, nodata −9999).
    public static func slope(_ dem: Grid<Double>, geometry: CellGeometry, unit: SlopeUnit = .degrees,
                             computeEdges: Bool = false, jobs: Int = 1) -> Grid<Float> {
        // GDAL 3.6 arithmetic: window sums and products in single precision (Float), as gdaldem.
        let ix = 1 / Float(geometry.dx), iy = 1 / Float(geometry.dy)
        return map(dem, computeEdges: computeEdges, jobs: jobs) { w in
            let f = single(w)
            let gx = ((f.0 + f.3 + f.3 + f.6) - (f.2 + f.5 + f.5 + f.8)) * ix
            let gy = ((f.6 + f.7 + f.7 + f.8) - (f.0 + f.1 + f.1 + f.2)) * iy
            let key = gx * gx + gy * gy
            return unit == .degrees ? atan(key.squareRoot() * (1 / 8 as Float)) * (180 / Float.pi) : (100 / 8 as Float) * key.squareRoot()
        }
    }

    /// Horn aspect in degrees clockwise from north (Float32, nodata −9999; flat → `flatAspect`).
    public static func aspect(_ dem: Grid<Double>, geometry: CellGeometry, flatAspect: Float = -9999,
                              computeEdges: Bool = false, jobs: Int = 1) -> Grid<Float> {
        let square = geometry.dx == geometry.dy
        let ix = 1 / Float(geometry.dx), iy = 1 / Float(geometry.dy)
        return map(dem, computeEdges: computeEdges, jobs: jobs) { w in
            let f = single(w)
            var ax = (f.2 + f.5 + f.5 + f.8) - (f.0 + f.3 + f.3 + f.6)
            var ay = (f.6 + f.7 + f.7 + f.8) - (f.0 + f.1 + f.1 + f.2)
            if ax == 0 && ay == 0 { return flatAspect }
            if !square { ax *= ix; ay *= iy }
            var a = atan2(ay, -ax) * (180 / Float.pi)
            a = a > 90 ? 450 - a : 90 - a
            return a == 360 ? 0 : a
        }
    }

    /// The window in single precision (GDAL's `float` template for Float32 and integer DEMs).
    @inline(__always) static func single(_ w: Window3) -> (Float, Float, Float, Float, Float, Float, Float, Float, Float) {
        (Float(w.0), Float(w.1), Float(w.2), Float(w.3), Float(w.4), Float(w.5), Float(w.6), Float(w.7), Float(w.8))
    }

    /// The Horn gradient (∂z/∂x eastward, ∂z/∂y northward, m/m) at every cell, NaN where undefined.
    static func gradient(_ dem: Grid<Double>, geometry: CellGeometry, computeEdges: Bool, jobs: Int) -> (gx: [Double], gy: [Double]) {
        let n = dem.count
        var gx = [Double](repeating: .nan, count: n), gy = [Double](repeating: .nan, count: n)
        let sx = 8 * geometry.dx, sy = 8 * geometry.dy
        gx.withUnsafeMutableBufferPointer { gxp in
            gy.withUnsafeMutableBufferPointer { gyp in
                let bx = SharedBuffer(gxp), by = SharedBuffer(gyp)
                forEachWindow(dem, computeEdges: computeEdges, jobs: jobs) { i, w in
                    bx[i] = ((w.2 + w.5 + w.5 + w.8) - (w.0 + w.3 + w.3 + w.6)) / sx
                    by[i] = ((w.0 + w.1 + w.1 + w.2) - (w.6 + w.7 + w.7 + w.8)) / sy
                }
            }
        }
        return (gx, gy)
    }

    typealias Window3 = (Double, Double, Double, Double, Double, Double, Double, Double, Double)

    static func map(_ dem: Grid<Double>, computeEdges: Bool, jobs: Int, _ f: (Window3) -> Float) -> Grid<Float> {
        var out = [Float](repeating: nodata, count: dem.count)
        out.withUnsafeMutableBufferPointer { op in
            let b = SharedBuffer(op)
            forEachWindow(dem, computeEdges: computeEdges, jobs: jobs) { i, w in b[i] = f(w) }
        }
        return Grid(width: dem.width, height: dem.height, values: out, nodata: nodata)
    }

    /// Calls `body(i, window)` for every cell whose 3×3 window is defined (see type doc for edges).
    static func forEachWindow(_ dem: Grid<Double>, computeEdges: Bool, jobs: Int, _ body: (Int, Window3) -> Void) {
        let w = dem.width, h = dem.height
        guard w > 0, h > 0 else { return }
        let valid = ValidMask(dem).valid
        dem.values.withUnsafeBufferPointer { z in
            WorkerThreads.forRows(h, jobs: jobs) { rows in
                for r in rows {
                    for c in 0..<w {
                        let i = r * w + c
                        guard valid[i] else { continue }
                        if r > 0 && c > 0 && r < h - 1 && c < w - 1 {
                            let a = i - w, b = i + w
                            if valid[a - 1] && valid[a] && valid[a + 1] && valid[i - 1] && valid[i + 1]
                                && valid[b - 1] && valid[b] && valid[b + 1] {
                                body(i, (z[a - 1], z[a], z[a + 1], z[i - 1], z[i], z[i + 1], z[b - 1], z[b], z[b + 1]))
                                continue
                            }
                        }
                        guard computeEdges else { continue }
                        // gdaldem -compute_edges: extrapolate outside cells, centre value for nodata.
                        func v(_ rr: Int, _ cc: Int) -> Double {
                            if rr < 0 || rr >= h {
                                let mr = 2 * r - rr
                                guard mr >= 0 && mr < h else { return z[i] }
                                let a = v(r, cc), b = v(mr, cc)
                                return 2 * a - b
                            }
                            if cc < 0 || cc >= w {
                                let mc = 2 * c - cc
                                guard mc >= 0 && mc < w else { return z[i] }
                                let a = v(rr, c), b = v(rr, mc)
                                return 2 * a - b
                            }
                            let j = rr * w + cc
                            return valid[j] ? z[j] : z[i]
                        }
                        body(i, (v(r - 1, c - 1), v(r - 1, c), v(r - 1, c + 1), v(r, c - 1), z[i], v(r, c + 1),
                                 v(r + 1, c - 1), v(r + 1, c), v(r + 1, c + 1)))
                    }
                }
            }
        }
    }
}
