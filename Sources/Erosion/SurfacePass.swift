import Foundation
import GeoSupport

/// The surface layers of a `Terrain`, in two row-parallel passes without full-size temporaries:
/// 1. `slopeAndAspect`: one Horn window per cell gives both slope and aspect, exactly as `gdaldem`
///    (`HornDerivatives.slopeValue` / `aspectValue`; 2 × 4 B/cell, the outputs).
/// 2. `lsAndUSPED`: per cell, from that slope and aspect and the contributing area, the LS factor
///    (`LSFactor.ls` with tan β = tan(slope), gradient direction from the aspect) and, when
///    `options.precomputeUSPED`, USPED's flux terms (4 B/cell, + 2 × 4 with USPED).
struct SurfacePass {
    let geometry: CellGeometry
    let height: Int
    let options: TerrainOptions

    /// Slope (degrees) and aspect (degrees from north, flat −1) of `z` (`width × height`, any
    /// floating-point storage; `valid` its validity); nodata −9999 where the window is undefined.
    func slopeAndAspect<S: BinaryFloatingPoint & Sendable>(_ z: UnsafeBufferPointer<S>, valid: [Bool],
                                                           width w: Int) -> (slope: [Float], aspect: [Float]) {
        let n = w * height
        var slope = [Float](repeating: HornDerivatives.nodata, count: n)
        var aspect = [Float](repeating: HornDerivatives.nodata, count: n)
        let (ix, iy) = HornDerivatives.inverseSizes(geometry, rows: height)
        let square = (0..<height).map { geometry.dx(row: $0) == geometry.dy(row: $0) }
        slope.withUnsafeMutableBufferPointer { sp in
            aspect.withUnsafeMutableBufferPointer { ap in
                let sb = SharedBuffer(sp), ab = SharedBuffer(ap)
                HornDerivatives.forEachWindow(z, valid: valid, width: w, height: height,
                                              computeEdges: options.computeEdges, jobs: max(1, options.jobs)) { i, r, win in
                    sb[i] = HornDerivatives.slopeValue(win, ix: ix[r], iy: iy[r], unit: .degrees)
                    ab[i] = HornDerivatives.aspectValue(win, ix: ix[r], iy: iy[r], square: square[r], flatAspect: -1)
                }
            }
        }
        return (slope, aspect)
    }

    /// LS (nodata −9999 where the slope is nodata or the cell has no contributing area) and, with
    /// `options.precomputeUSPED`, qx/qy = A_s^m (sin β)^n · (sin α, cos α) (NaN where undefined).
    /// - Parameter contributing: contributing area (m², including the cell) of cell i, negative for nodata.
    func lsAndUSPED(slope: [Float], aspect: [Float], width w: Int,
                    contributing: (Int) -> Double) -> (ls: [Float], qx: [Float]?, qy: [Float]?) {
        let n = w * height
        let nodata = HornDerivatives.nodata
        var ls = [Float](repeating: nodata, count: n)
        let withUSPED = options.precomputeUSPED
        var qx = [Float](repeating: .nan, count: withUSPED ? n : 0), qy = qx
        let um = options.uspedM, un = options.uspedN
        ls.withUnsafeMutableBufferPointer { lp in
        qx.withUnsafeMutableBufferPointer { xp in
        qy.withUnsafeMutableBufferPointer { yp in
            let lb = SharedBuffer(lp)
            let xb = withUSPED ? SharedBuffer(xp) : nil, yb = withUSPED ? SharedBuffer(yp) : nil
            WorkerThreads.forRows(height, jobs: max(1, options.jobs)) { rows in
                for r in rows {
                    let cellArea = geometry.area(row: r), d = geometry.length(row: r)
                    for i in r * w ..< (r + 1) * w {
                        let s = slope[i]
                        guard s != nodata else { continue }
                        let area = contributing(i)
                        guard area >= 0 else { continue }
                        // Gradient magnitude g = tan β and direction from the aspect (flat: g = 0).
                        let a = aspect[i]
                        let g = a < 0 ? 0 : tan(Double(s) * .pi / 180)
                        let az = a < 0 ? 0 : Double(a) * .pi / 180
                        let sx = sin(az), sy = cos(az)     // unit downslope vector (east, north)
                        lb[i] = Float(LSFactor.ls(gx: g * sx, gy: g * sy, upslopeArea: area - cellArea, cellLength: d))
                        guard let xb, let yb else { continue }
                        if g == 0 { xb[i] = 0; yb[i] = 0; continue }
                        // USPED: A_s = area / flow width (m²/m); sin β = g / √(1 + g²).
                        let sinB = g / (1 + g * g).squareRoot()
                        let t = exp(um * log(area / d) + un * log(sinB))      // A_s^m (sin β)^n
                        xb[i] = Float(sx * t)
                        yb[i] = Float(sy * t)
                    }
                }
            }
        }
        }
        }
        return (ls, withUSPED ? qx : nil, withUSPED ? qy : nil)
    }
}
