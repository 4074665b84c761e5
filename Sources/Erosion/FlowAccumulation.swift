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
        let w = directions.width, h = directions.height
        if let g = weights, g.width != w || g.height != h {
            throw ErosionError.sizeMismatch(what: "weight grid", expectedWidth: w, expectedHeight: h, width: g.width, height: g.height)
        }
        return Grid(width: w, height: h, values: d8Values(directions, weights: weights, as: Double.self), nodata: nodata)
    }

    /// D8 accumulation into storage of type `T` (Float32 halves the memory and is exact for cell counts up
    /// to 2²⁴). Memory: the result (`T` per cell) + in-degrees 1 B/cell; receivers come from the codes.
    /// The additions happen in the same order whatever `T`.
    static func d8Values<T: BinaryFloatingPoint>(_ directions: FlowDirections, weights: Grid<Double>?, as: T.Type) -> [T] {
        let w = directions.width, h = directions.height, n = w * h
        let codes = directions.codes.values
        var acc = [T](repeating: T(nodata), count: n)
        var indeg = [UInt8](repeating: 0, count: n)
        for i in 0..<n where codes[i] != D8.nodata {
            if let g = weights {
                let v = g.values[i]
                acc[i] = (v.isFinite && (g.nodata == nil || v != g.nodata!)) ? T(v) : 0
            } else { acc[i] = 1 }
        }
        FlowDirections.forEachReceiver(codes, width: w, height: h) { _, j in indeg[j] &+= 1 }
        let offsets = D8.receiverTable(width: w)
        acc.withUnsafeMutableBufferPointer { a in
            indeg.withUnsafeMutableBufferPointer { d in
                codes.withUnsafeBufferPointer { cb in
                    @inline(__always) func receiver(_ i: Int) -> Int {
                        let code = cb[i]
                        if code == D8.noFlow || code == D8.nodata { return -1 }
                        let r = i / w, c = i - r * w
                        if r == 0 || c == 0 || r == h - 1 || c == w - 1 { return directions.receiver(of: i) }
                        let j = i + offsets[Int(code)]
                        return cb[j] == D8.nodata ? -1 : j
                    }
                    // In-degrees are ≤ 8: 0xFF marks a cell whose flow has been passed on.
                    for s in 0..<n where cb[s] != D8.nodata && d[s] == 0 {
                        // A source: follow the chain downstream while cells become ready (a DFS-like Kahn order).
                        var i = s
                        while true {
                            d[i] = 0xFF
                            let r = receiver(i)
                            if r < 0 { break }
                            a[r] += a[i]
                            d[r] &-= 1
                            if d[r] != 0 { break }
                            i = r
                        }
                    }
                }
            }
        }
        return acc
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
