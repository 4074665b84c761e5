import Grid

/// Flow accumulation in O(n) by topological order (Kahn's algorithm on in-degrees).
///
/// D8: acc(c) = w(c) + Σ acc(u) over the cells u whose receiver is c, with w = 1 (cell counts;
/// each valid cell counts itself) or a caller-supplied weight grid. MFD: the same with each
/// upstream contribution multiplied by the flow fraction u → c (`MultipleFlowDirections`).
/// Cells without a receiver (sinks, outlets) are terminal. Nodata cells get −1.
public enum FlowAccumulation {
    /// Value stored in accumulation grids for nodata cells.
    public static let nodata = -1.0

    /// D8 accumulation. With `weights` (same size; nodata/NaN weights count as 0), each cell
    /// contributes its weight instead of 1. Multiply cell counts by `CellGeometry.area` to get
    /// contributing area in m².
    public static func d8(_ directions: FlowDirections, weights: Grid<Double>? = nil) throws -> Grid<Double> {
        let w = directions.width, h = directions.height, n = w * h
        if let g = weights, g.width != w || g.height != h {
            throw ErosionError.sizeMismatch(what: "weight grid", expectedWidth: w, expectedHeight: h, width: g.width, height: g.height)
        }
        let codes = directions.codes.values
        let recv = directions.receivers
        var acc = [Double](repeating: nodata, count: n)
        var indeg = [UInt8](repeating: 0, count: n)
        for i in 0..<n where codes[i] != D8.nodata {
            if let g = weights {
                let v = g.values[i]
                acc[i] = (v.isFinite && (g.nodata == nil || v != g.nodata!)) ? v : 0
            } else { acc[i] = 1 }
            let r = recv[i]
            if r >= 0 { indeg[Int(r)] &+= 1 }
        }
        let sources = (0..<n).filter { codes[$0] != D8.nodata && indeg[$0] == 0 }
        acc.withUnsafeMutableBufferPointer { a in
            indeg.withUnsafeMutableBufferPointer { d in
                for s in sources {
                    // Follow the chain downstream while cells become ready (a DFS-like Kahn order).
                    var i = s
                    while true {
                        let r = Int(recv[i])
                        if r < 0 { break }
                        a[r] += a[i]
                        d[r] &-= 1
                        if d[r] != 0 { break }
                        i = r
                    }
                }
            }
        }
        return Grid(width: w, height: h, values: acc, nodata: nodata)
    }

    /// A topological order of the valid cells (every cell before its receiver), by Kahn's algorithm.
    static func upstreamToDownstreamOrder(receivers recv: [Int32], valid: [Bool]) -> [Int32] {
        let n = recv.count
        var indeg = [UInt8](repeating: 0, count: n)
        for i in 0..<n where valid[i] && recv[i] >= 0 { indeg[Int(recv[i])] &+= 1 }
        var order = [Int32]()
        order.reserveCapacity(n)
        let sources = (0..<n).filter { valid[$0] && indeg[$0] == 0 }
        for s in sources {
            var i = s
            order.append(Int32(i))
            while true {
                let r = Int(recv[i])
                if r < 0 { break }
                indeg[r] &-= 1
                if indeg[r] != 0 { break }
                order.append(Int32(r))
                i = r
            }
        }
        return order
    }
}
