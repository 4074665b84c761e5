import Foundation
import Grid

/// Multiple-flow-direction accumulation after Freeman (1991): a cell passes its accumulated flow to
/// every strictly lower valid neighbour k in proportion to (tan β_k)^p, with
/// tan β_k = (z_c − z_k)/d_k and p = 1.1 (Freeman's exponent; `exponent`).
/// A cell with no strictly lower neighbour (a resolved flat cell) passes everything to its D8
/// receiver (which the flat mask provides), so the graph stays acyclic and every flat drains.
public struct MultipleFlowDirections: Sendable {
    /// Freeman's exponent p (> 0). 1.1 by default.
    public var exponent: Double

    public init(exponent: Double = 1.1) throws {
        guard exponent.isFinite, exponent > 0 else {
            throw ErosionError.invalidParameter(name: "mfd exponent", reason: "must be finite and > 0, got \(exponent)")
        }
        self.exponent = exponent
    }

    /// MFD accumulation over `dem` (use the filled DEM), falling back to `d8` on flats.
    /// Each valid cell contributes 1 (cell count) or its weight; nodata cells get −1.
    public func accumulate(_ dem: Grid<Double>, geometry: CellGeometry, d8: FlowDirections,
                           weights: Grid<Double>? = nil) throws -> Grid<Double> {
        let w = dem.width, h = dem.height, n = w * h
        guard d8.width == w, d8.height == h else {
            throw ErosionError.sizeMismatch(what: "D8 direction grid", expectedWidth: w, expectedHeight: h, width: d8.width, height: d8.height)
        }
        if let g = weights, g.width != w || g.height != h {
            throw ErosionError.sizeMismatch(what: "weight grid", expectedWidth: w, expectedHeight: h, width: g.width, height: g.height)
        }
        let valid = ValidMask(dem).valid
        let z = dem.values
        let nb = Neighbourhood(width: w, height: h)
        let dist = geometry.neighbourDistanceTable(rows: h)   // 8 per row
        var acc = [Double](repeating: FlowAccumulation.nodata, count: n)
        var indeg = [UInt8](repeating: 0, count: n)
        for i in 0..<n where valid[i] {
            if let g = weights {
                let v = g.values[i]
                acc[i] = (v.isFinite && (g.nodata == nil || v != g.nodata!)) ? v : 0
            } else { acc[i] = 1 }
            let r = i / w, c = i - r * w
            var any = false
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni >= 0 && valid[ni] && z[ni] < z[i] { indeg[ni] &+= 1; any = true }
            }
            if !any, case let j = d8.receiver(of: i), j >= 0 { indeg[j] &+= 1 }
        }
        var queue = CellQueue(capacity: n)
        for i in 0..<n where valid[i] && indeg[i] == 0 { queue.push(i) }
        var frac = [Double](repeating: 0, count: 8)
        var idx = [Int](repeating: -1, count: 8)
        let p = exponent
        while !queue.isEmpty {
            let i = queue.pop()
            let r = i / w, c = i - r * w
            var total = 0.0, m = 0
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni >= 0 && valid[ni] && z[ni] < z[i] {
                    let f = pow((z[i] - z[ni]) / dist[8 * r + k], p)
                    frac[m] = f; idx[m] = ni; total += f; m += 1
                }
            }
            if m == 0 {
                let rr = d8.receiver(of: i)
                if rr >= 0 { frac[0] = 1; idx[0] = rr; total = 1; m = 1 }
            }
            let a = acc[i]
            for j in 0..<m {
                let ni = idx[j]
                acc[ni] += a * frac[j] / total
                indeg[ni] &-= 1
                if indeg[ni] == 0 { queue.push(ni) }
            }
        }
        return Grid(width: w, height: h, values: acc, nodata: FlowAccumulation.nodata)
    }
}
