/// USPED — Unit Stream Power based Erosion Deposition (Mitasova et al. 1996).
///
///     T  = R·K·C·P · A_s^m · (sin β)^n           sediment transport capacity
///     q  = T · s,  s = −∇z / |∇z|                 (unit downslope vector, from the Horn gradient)
///     ED = −div q = −(∂q_x/∂x + ∂q_y/∂y)          net erosion/deposition
///
/// **Sign: ED > 0 is net deposition, ED < 0 is net erosion** (transport capacity decreasing
/// downslope deposits, increasing downslope erodes) — the usual USPED map convention.
/// A_s is the specific catchment area (m²/m), β the slope angle, m = 1.6 and n = 1.3 by default
/// (`TerrainOptions`). With R·K·C·P in t/(ha·yr) (per unit topographic factor) and lengths in
/// metres, ED is in the same nominal t/(ha·yr) as RUSLE (USPED is a relative index; calibrate
/// before reading it as absolute rates).
///
/// Derivatives are central differences (x east with dx, y north with dy); where a neighbour is
/// missing a one-sided difference is used, where both are missing the term is 0.
public enum USPED {
    /// −div(F·q) per cell, NaN where q is undefined. `factor` (per-cell R·K·C·P, NaN = nodata) or
    /// nil for F = 1.
    static func netDeposition(qx: [Float], qy: [Float], factor: [Float]?, width w: Int, height h: Int,
                              geometry: CellGeometry) -> [Float] {
        var out = [Float](repeating: .nan, count: w * h)
        let rowIdx = (0..<h).map { Float(1 / geometry.dx(row: $0)) }, rowIdy = (0..<h).map { Float(1 / geometry.dy(row: $0)) }
        qx.withUnsafeBufferPointer { qxb in
            qy.withUnsafeBufferPointer { qyb in
                out.withUnsafeMutableBufferPointer { o in
                    @inline(__always) func fx(_ j: Int) -> Float {
                        if let f = factor { return f[j] * qxb[j] } else { return qxb[j] }
                    }
                    @inline(__always) func fy(_ j: Int) -> Float {
                        if let f = factor { return f[j] * qyb[j] } else { return qyb[j] }
                    }
                    for r in 0..<h {
                        let idx = rowIdx[r], idy = rowIdy[r]
                        for c in 0..<w {
                            let i = r * w + c
                            let xc = fx(i), yc = fy(i)
                            guard xc.isFinite, yc.isFinite else { continue }
                            let xe = c + 1 < w ? fx(i + 1) : .nan, xw = c > 0 ? fx(i - 1) : .nan
                            let yn = r > 0 ? fy(i - w) : .nan, ys = r + 1 < h ? fy(i + w) : .nan
                            let ddx: Float = xe.isFinite ? (xw.isFinite ? (xe - xw) * 0.5 : xe - xc) : (xw.isFinite ? xc - xw : 0)
                            let ddy: Float = yn.isFinite ? (ys.isFinite ? (yn - ys) * 0.5 : yn - yc) : (ys.isFinite ? yc - ys : 0)
                            o[i] = -(ddx * idx + ddy * idy)
                        }
                    }
                }
            }
        }
        return out
    }
}
