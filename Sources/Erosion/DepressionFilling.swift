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

    /// In-place variant on raw storage.
    static func fill(_ z: inout [Double], width: Int, height: Int, valid: [Bool], method: FillMethod) {
        let n = width * height
        guard n > 0 else { return }
        let nb = Neighbourhood(width: width, height: height)
        var closed = [Bool](repeating: false, count: n)
        var open = CellHeap(capacity: 2 * (width + height))
        var pit = CellQueue()
        let epsilon = method == .epsilon
        // Seed: every outlet (border cell or cell next to nodata).
        for i in 0..<n where valid[i] {
            let r = i / width, c = i - r * width
            var outlet = r == 0 || c == 0 || r == height - 1 || c == width - 1
            if !outlet {
                for k in 0..<8 where !valid[i + nb.offsets[k]] { outlet = true; break }
            }
            if outlet { closed[i] = true; open.push(z[i], i) }
        }
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
