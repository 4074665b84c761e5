import Grid

/// How depressions are filled.
public enum FillMethod: String, Sendable, Codable, CaseIterable {
    /// Priority-Flood (Barnes, Lehman & Mulla 2014, Algorithm 2 with a plain pit queue): every
    /// depression is raised to its spill elevation, leaving exactly flat surfaces; resolve the
    /// flats afterwards (`FlatResolution`) to route water across them.
    case priorityFlood = "priority-flood"
    /// Priority-Flood+ε (Barnes et al. 2014, Algorithm 3): depressions and flats are raised to
    /// strictly increasing elevations, each cell one ULP (`nextUp`) above the cell it drains to,
    /// so every cell has a strictly lower neighbour and no flat resolution is needed. The
    /// changes are O(1e-12) relative and invisible to slope.
    case epsilon
    /// Least-cost breaching (Lindsay 2016, `DepressionBreaching`) within 100 cells of each pit, then
    /// Priority-Flood for what remains: channels are cut through depression rims instead of raising
    /// whole depressions, so far fewer cells change; resolve flats afterwards as with `.priorityFlood`.
    case breach
}

/// Depression filling by Priority-Flood.
///
/// Outlets (seeds) are all valid cells on the grid border and all valid cells with a nodata
/// neighbour: water leaves the grid there, so nodata areas behave like the grid edge. The result
/// `W` is the smallest surface ≥ the DEM in which every valid cell has a non-ascending
/// (with `.epsilon`: strictly descending) 8-connected path to an outlet. Nodata cells are untouched.
/// Complexity O(n log n) for cells entering the priority queue, O(1) for cells inside depressions.
public enum DepressionFilling {
    /// Fills `dem` (metres; any float values) and returns the filled grid (same size and nodata).
    public static func fill(_ dem: Grid<Double>, method: FillMethod = .priorityFlood) -> Grid<Double> {
        let mask = ValidMask(dem)
        var out = dem
        fill(&out.values, width: dem.width, height: dem.height, valid: mask.valid, method: method)
        return out
    }

    /// In-place variant on raw storage: `.priorityFlood` by the one-pass variant (`fillOnePass`),
    /// `.epsilon` by Priority-Flood+ε (`priorityFlood`), `.breach` by breaching then the one-pass fill.
    static func fill(_ z: inout [Double], width: Int, height: Int, valid: [Bool], method: FillMethod) {
        switch method {
        case .priorityFlood: fillOnePass(&z, width: width, height: height, valid: valid)
        case .epsilon: priorityFlood(&z, width: width, height: height, valid: valid, epsilon: true)
        case .breach:
            DepressionBreaching.breach(&z, width: width, height: height, valid: valid)
            fillOnePass(&z, width: width, height: height, valid: valid)
        }
    }

    /// Every outlet (border cell or cell next to nodata), in index order.
    private static func forEachOutlet(width: Int, height: Int, valid: [Bool], _ body: (Int) -> Void) {
        let nb = Neighbourhood(width: width, height: height)
        for i in 0..<(width * height) where valid[i] {
            let r = i / width, c = i - r * width
            var outlet = r == 0 || c == 0 || r == height - 1 || c == width - 1
            if !outlet {
                for k in 0..<8 where !valid[i + nb.offsets[k]] { outlet = true; break }
            }
            if outlet { body(i) }
        }
    }

    /// One-pass Priority-Flood after Zhou, Sun & Fu (2016, Computers & Geosciences 90): the same unique
    /// result as Barnes' Priority-Flood, with far fewer priority-queue operations. A cell's final level is
    /// known as soon as it is reached: a neighbour at or below the current level is in a depression and is
    /// raised to it (breadth-first, plain queue); a neighbour above it keeps its own elevation and is traced
    /// uphill breadth-first, also without the priority queue. Only a traced cell that borders a still
    /// unreached *lower* cell — a possible spill point of a depression — enters the priority queue, so that
    /// depressions are entered from their lowest spill. Memory: 1 B/cell closed flags + the queues.
    static func fillOnePass(_ z: inout [Double], width: Int, height: Int, valid: [Bool]) {
        let n = width * height
        guard n > 0 else { return }
        let nb = Neighbourhood(width: width, height: height)
        var closed = [Bool](repeating: false, count: n)
        var open = CellHeap(capacity: 2 * (width + height))
        var pit = CellQueue(), trace = CellQueue()
        forEachOutlet(width: width, height: height, valid: valid) { i in closed[i] = true; trace.push(i) }
        z.withUnsafeMutableBufferPointer { zb in
            closed.withUnsafeMutableBufferPointer { cl in
                valid.withUnsafeBufferPointer { vb in
                    /// Calls `body(neighbour)` for every valid, not yet closed neighbour of cell i.
                    @inline(__always) func forEachOpenNeighbour(_ i: Int, _ body: (Int) -> Void) {
                        let r = i / width, c = i - r * width
                        let interior = r > 0 && c > 0 && r < height - 1 && c < width - 1
                        for k in 0..<8 {
                            let ni = interior ? i + nb.offsets[k] : nb.neighbour(i, r: r, c: c, k)
                            if ni < 0 || cl[ni] || !vb[ni] { continue }
                            body(ni)
                        }
                    }
                    /// Traces uphill from the cells in `trace` (final at their own elevation): higher or equal
                    /// neighbours are final too; a cell with a lower unreached neighbour goes to the heap.
                    func processTrace() {
                        while !trace.isEmpty {
                            let t = trace.pop()
                            let zt = zb[t]
                            var spill = false
                            forEachOpenNeighbour(t) { ni in
                                if zb[ni] >= zt { cl[ni] = true; trace.push(ni) } else { spill = true }
                            }
                            if spill { open.push(zt, t) }
                        }
                    }
                    processTrace()
                    while !open.isEmpty {
                        let c = open.pop()
                        let level = zb[c]
                        forEachOpenNeighbour(c) { ni in
                            cl[ni] = true
                            if zb[ni] <= level { zb[ni] = level; pit.push(ni) } else { trace.push(ni) }
                        }
                        // The depression behind c: raise it to c's level; its rim goes uphill.
                        while !pit.isEmpty {
                            let p = pit.pop()
                            forEachOpenNeighbour(p) { ni in
                                cl[ni] = true
                                if zb[ni] <= level { zb[ni] = level; pit.push(ni) } else { trace.push(ni) }
                            }
                        }
                        processTrace()
                    }
                }
            }
        }
    }

    /// Priority-Flood (Barnes, Lehman & Mulla 2014) with a pit queue; with `epsilon`, Algorithm 3
    /// (each raised cell one ULP above the cell it drains to).
    static func priorityFlood(_ z: inout [Double], width: Int, height: Int, valid: [Bool], epsilon: Bool) {
        let n = width * height
        guard n > 0 else { return }
        let nb = Neighbourhood(width: width, height: height)
        var closed = [Bool](repeating: false, count: n)
        var open = CellHeap(capacity: 2 * (width + height))
        var pit = CellQueue()
        forEachOutlet(width: width, height: height, valid: valid) { i in closed[i] = true; open.push(z[i], i) }
        z.withUnsafeMutableBufferPointer { zb in
            while !open.isEmpty || !pit.isEmpty {
                let c: Int
                if !pit.isEmpty && !open.isEmpty && open.topElevation == zb[pit.front] {
                    c = open.pop()
                } else if !pit.isEmpty {
                    c = pit.pop()
                } else {
                    c = open.pop()
                }
                let zc = zb[c]
                let spill = epsilon ? zc.nextUp : zc
                let r = c / width, cc = c - r * width
                let interior = r > 0 && cc > 0 && r < height - 1 && cc < width - 1
                for k in 0..<8 {
                    let ni: Int
                    if interior { ni = c + nb.offsets[k] } else {
                        ni = nb.neighbour(c, r: r, c: cc, k)
                        if ni < 0 { continue }
                    }
                    if closed[ni] || !valid[ni] { continue }
                    closed[ni] = true
                    if zb[ni] <= spill {
                        zb[ni] = spill
                        pit.push(ni)
                    } else {
                        open.push(zb[ni], ni)
                    }
                }
            }
        }
    }
}
