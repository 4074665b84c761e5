/// Least-cost depression breaching after Lindsay (2016, "Efficient hybrid breaching-filling sink removal
/// methods for flow path enforcement in digital elevation models", Hydrological Processes 30), the method
/// WhiteboxTools recommends: instead of raising a depression to its spill level, cut a channel from its
/// bottom to lower ground, choosing the channel that removes the least material.
///
/// For every pit (a valid non-outlet cell without a strictly lower valid neighbour), lowest first: a
/// Dijkstra search from the pit over valid cells within `radius` cells (Chebyshev distance), where
/// entering a cell costs max(0, z − z_pit) (the depth it must be lowered by), ends at the cheapest
/// *target*: a cell lower than the pit (cost 0 to enter) or an outlet (border or nodata-adjacent cell,
/// which drains off the grid). Every cell on the path is lowered to min(z, z_pit), so the pit drains along
/// a non-ascending channel (flat where it was cut; flat resolution routes across it). Pits with no target
/// within the radius are left for the fill that follows (`FillMethod.breach` = breach, then Priority-Flood):
/// breaching only lowers cells, the fill only raises the rest.
enum DepressionBreaching {
    /// Default search radius (cells).
    static let defaultRadius = 100

    /// Breaches the pits of `z` in place (see type doc). Memory: 1 B/cell pit flags during the search, plus
    /// per pit a search area of at most (2·radius + 1)² cells (cost and predecessor tables).
    /// - Returns: the number of pits breached.
    @discardableResult
    static func breach(_ z: inout [Double], width: Int, height: Int, valid: [Bool], radius: Int = defaultRadius) -> Int {
        let n = width * height
        guard n > 0, radius > 0 else { return 0 }
        let mask = ValidMask(width: width, height: height, valid: valid)
        let nb = Neighbourhood(width: width, height: height)
        // Pits, lowest first (ties by index).
        var pits: [Int] = []
        for i in 0..<n where valid[i] && !mask.isOutlet(i) {
            let r = i / width, c = i - r * width
            var lower = false
            for k in 0..<8 {
                let j = nb.neighbour(i, r: r, c: c, k)
                if j >= 0 && valid[j] && z[j] < z[i] { lower = true; break }
            }
            if !lower { pits.append(i) }
        }
        pits.sort { z[$0] < z[$1] || (z[$0] == z[$1] && $0 < $1) }
        var breached = 0
        let side = 2 * radius + 1
        var cost = [Double](repeating: .infinity, count: side * side)
        var from = [Int32](repeating: -1, count: side * side)
        var touched: [Int] = []
        for p in pits {
            let zp = z[p]
            let pr = p / width, pc = p - pr * width
            // Still a pit? (an earlier channel may have drained it)
            var stillPit = true
            for k in 0..<8 {
                let j = nb.neighbour(p, r: pr, c: pc, k)
                if j >= 0 && valid[j] && z[j] < zp { stillPit = false; break }
            }
            guard stillPit else { continue }
            @inline(__always) func local(_ i: Int) -> Int {
                let r = i / width, c = i - r * width
                return (r - pr + radius) * side + (c - pc + radius)
            }
            for t in touched { cost[t] = .infinity; from[t] = -1 }
            touched.removeAll(keepingCapacity: true)
            var heap = CellHeap()
            cost[local(p)] = 0; touched.append(local(p))
            heap.push(0, p)
            var target = -1
            while !heap.isEmpty {
                let (ci, cc) = heap.popWithKey()
                if cc > cost[local(ci)] { continue }
                if ci != p && (z[ci] < zp || mask.isOutlet(ci)) { target = ci; break }
                let r = ci / width, c = ci - r * width
                for k in 0..<8 {
                    let j = nb.neighbour(ci, r: r, c: c, k)
                    guard j >= 0, valid[j] else { continue }
                    let jr = j / width, jc = j - jr * width
                    guard abs(jr - pr) <= radius, abs(jc - pc) <= radius else { continue }
                    let step = z[j] < zp ? 0 : z[j] - zp
                    let nc = cc + step
                    let lj = local(j)
                    if nc < cost[lj] {
                        if cost[lj] == .infinity { touched.append(lj) }
                        cost[lj] = nc; from[lj] = Int32(ci)
                        heap.push(nc, j)
                    }
                }
            }
            guard target >= 0 else { continue }
            var i = target
            while i != p {
                if z[i] > zp { z[i] = zp }
                i = Int(from[local(i)])
            }
            breached += 1
        }
        return breached
    }
}
