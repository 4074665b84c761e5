import Grid

/// Flat resolution by Barnes, Lehman & Mulla (2014), "An efficient assignment of drainage
/// direction over flat surfaces in raster digital elevation models" (Computers & Geosciences 62).
///
/// Cells without a downslope neighbour ("no-flow" cells, given the D8 directions `base`) that are
/// connected at equal elevation to a cell that does drain (a *low edge*) form a drainable flat.
/// Two breadth-first gradients are built inside each flat: one *away from higher terrain*
/// (steps from cells bordering higher ground) and one *toward lower terrain* (steps from the low
/// edges); the combined mask 2·toward + (max(away) − away) decreases strictly along some path to
/// a low edge from every flat cell, so D8 on the mask gives every flat cell an outflow without
/// modifying elevations (Garbrecht & Martz 1997 gradients, combined as in Barnes 2014).
/// Outlets (border or nodata-adjacent cells) count as draining even without a code (pysheds border
/// rule), so flats reaching the border drain into them. Flats with no low edge (undrainable: only
/// possible without filling) are left unlabelled. O(n).
public enum FlatResolution {
    /// Resolves the flats of `dem` given its D8 directions without flat resolution.
    public static func resolve(_ dem: Grid<Double>, directions base: FlowDirections) -> FlatMask {
        let mask = ValidMask(dem)
        return resolve(z: dem.values, valid: mask.valid, width: dem.width, height: dem.height, base: base)
    }

    static func resolve(z: [Double], valid: [Bool], width: Int, height: Int, base: FlowDirections) -> FlatMask {
        let n = width * height
        let nb = Neighbourhood(width: width, height: height)
        let codes = base.codes.values
        // Outlets (border / nodata-adjacent cells) are terminal under either border rule: with the
        // pysheds rule they keep code 0 but still act as the low edge of a flat that reaches them.
        // Memory: isLowEdge 1 B/cell (step 1 only), then labels and mask 4 B/cell each (the result), queues of
        // Int32 cell indices (4 B per queued cell); no list of cells, no-flow status computed on demand.
        @inline(__always) func noFlow(_ i: Int) -> Bool {
            guard codes[i] == D8.noFlow else { return false }     // nodata cells have code 255
            let r = i / width, c = i - r * width
            if r == 0 || c == 0 || r == height - 1 || c == width - 1 { return false }
            for k in 0..<8 where !valid[i + nb.offsets[k]] { return false }
            return true
        }
        var lowEdges = CellQueue(), highEdges = CellQueue()
        // 1. Edges of flats, found from the no-flow cells: a no-flow cell next to higher ground is a
        //    high edge; a draining cell next to a no-flow cell of equal elevation is a low edge.
        var isLowEdge = [Bool](repeating: false, count: n)   // freed after this step
        for i in 0..<n where noFlow(i) {
            let r = i / width, c = i - r * width
            let zc = z[i]
            var high = false
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni < 0 || !valid[ni] { continue }
                if z[ni] > zc { high = true }
                if z[ni] == zc && !isLowEdge[ni] && !noFlow(ni) { isLowEdge[ni] = true; lowEdges.push(ni) }
            }
            if high { highEdges.push(i) }
        }
        isLowEdge = []
        var labels = [Int32](repeating: 0, count: n)
        var flatMask = [Int32](repeating: 0, count: n)
        guard !lowEdges.isEmpty else {
            return FlatMask(width: width, height: height, labels: labels, mask: flatMask, flatCount: 0, resolvedCellCount: 0)
        }
        // 2. Label drainable flats by flood fill at equal elevation from the low edges.
        var label: Int32 = 0
        var fillQ = CellQueue()
        lowEdges.forEachPending { s in
            if labels[s] != 0 { return }
            label += 1
            let zf = z[s]
            labels[s] = label
            fillQ.push(s)
            while !fillQ.isEmpty {
                let i = fillQ.pop()
                let r = i / width, c = i - r * width
                for k in 0..<8 {
                    let ni = nb.neighbour(i, r: r, c: c, k)
                    if ni < 0 || !valid[ni] || labels[ni] != 0 || z[ni] != zf { continue }
                    labels[ni] = label
                    fillQ.push(ni)
                }
            }
        }
        var flatHeight = [Int32](repeating: 0, count: Int(label) + 1)
        // 3. Gradient away from higher terrain (only high edges inside labelled flats).
        var q = CellQueue()
        highEdges.forEachPending { i in if labels[i] != 0 { q.push(i) } }
        highEdges = CellQueue()
        var loops: Int32 = 1
        let marker = -1
        q.push(marker)
        while q.count > 1 {
            let i = q.pop()
            if i == marker { loops += 1; q.push(marker); continue }
            if flatMask[i] > 0 { continue }
            flatMask[i] = loops
            flatHeight[Int(labels[i])] = loops
            let r = i / width, c = i - r * width
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni < 0 || !valid[ni] || labels[ni] != labels[i] || !noFlow(ni) || flatMask[ni] > 0 { continue }
                q.push(ni)
            }
        }
        // 4. Gradient toward lower terrain, combined with the (inverted) away gradient.
        for i in 0..<n { flatMask[i] = -flatMask[i] }
        q = lowEdges
        lowEdges = CellQueue()
        loops = 1
        q.push(marker)
        var resolved = 0
        while q.count > 1 {
            let i = q.pop()
            if i == marker { loops += 1; q.push(marker); continue }
            if flatMask[i] > 0 { continue }
            if flatMask[i] < 0 {
                flatMask[i] = flatHeight[Int(labels[i])] + flatMask[i] + 2 * loops
            } else {
                flatMask[i] = 2 * loops
            }
            if noFlow(i) { resolved += 1 }
            let r = i / width, c = i - r * width
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni < 0 || !valid[ni] || labels[ni] != labels[i] || !noFlow(ni) || flatMask[ni] > 0 { continue }
                q.push(ni)
            }
        }
        return FlatMask(width: width, height: height, labels: labels, mask: flatMask,
                        flatCount: Int(label), resolvedCellCount: resolved)
    }
}
