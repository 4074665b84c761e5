import GeoSupport
import Grid

/// D8 flow directions: ESRI codes plus the receiver of each cell.
///
/// Rules (identical to pysheds 0.5, see reference README):
/// drop_k = (z_centre − z_k) / d_k in IEEE double with d = dx (E/W), dy (N/S), √(dx²+dy²) (diagonals);
/// neighbours are scanned N, NE, E, SE, S, SW, W, NW and the first strictly largest drop wins;
/// if the largest drop is ≤ 0 the cell has no downslope neighbour. Nodata and outside cells are
/// ignored. What happens next depends on `BorderRule` and on an optional flat mask
/// (`FlatResolution`): a flat cell flows to the neighbour of its flat with the steepest *mask*
/// drop (mask_c − mask_k)/d_k, same scan order and strict `>`.
public struct FlowDirections: Sendable {
    public let width: Int
    public let height: Int
    /// ESRI codes (1 E, 2 SE, 4 S, 8 SW, 16 W, 32 NW, 64 N, 128 NE; 0 no outflow; 255 nodata).
    /// The only per-cell storage (1 byte per cell): receivers are derived from the codes.
    public private(set) var codes: Grid<UInt8>

    /// Directions from ESRI codes (row-major, `width * height` of them).
    public init(width: Int, height: Int, codes: [UInt8]) {
        self.width = width
        self.height = height
        self.codes = Grid(width: width, height: height, values: codes, nodata: D8.nodata)
    }

    /// Linear index of cell i's downstream cell, or −1: no outflow, nodata, or a code that points off
    /// the grid or at a nodata cell (an outlet draining off the grid).
    @inlinable public func receiver(of i: Int) -> Int {
        let code = codes.values[i]
        guard code != D8.noFlow, code != D8.nodata, let k = D8.index(ofCode: code) else { return -1 }
        let r = i / width + D8.rowOffsets[k], c = i % width + D8.colOffsets[k]
        guard r >= 0, c >= 0, r < height, c < width else { return -1 }
        let j = r * width + c
        return codes.values[j] == D8.nodata ? -1 : j
    }

    /// The receiver of every cell (`receiver(of:)`), computed on each access (4 bytes per cell): hoist it
    /// out of loops.
    public var receivers: [Int32] {
        var out = [Int32](repeating: -1, count: width * height)
        Self.forEachReceiver(codes.values, width: width, height: height) { i, j in out[i] = Int32(j) }
        return out
    }

    /// Calls `body(i, receiver)` for every cell with a receiver, in index order, from the codes alone.
    @inline(__always)
    static func forEachReceiver(_ codes: [UInt8], width: Int, height: Int, _ body: (Int, Int) -> Void) {
        let offsets = D8.receiverTable(width: width)
        codes.withUnsafeBufferPointer { cb in
            for r in 0..<height {
                let interior = r > 0 && r < height - 1
                for c in 0..<width {
                    let i = r * width + c
                    let code = cb[i]
                    if code == D8.noFlow || code == D8.nodata { continue }
                    let k = D8.scanIndex[Int(code)]
                    if k < 0 { continue }
                    if !(interior && c > 0 && c < width - 1) {
                        let rr = r + D8.rowOffsets[Int(k)], cc = c + D8.colOffsets[Int(k)]
                        if rr < 0 || cc < 0 || rr >= height || cc >= width { continue }
                    }
                    let j = i + offsets[Int(code)]
                    if cb[j] == D8.nodata { continue }
                    body(i, j)
                }
            }
        }
    }

    /// Whether cell i drains somewhere (downstream cell or off the grid).
    @inlinable public func hasOutflow(_ i: Int) -> Bool {
        let c = codes.values[i]
        return c != D8.noFlow && c != D8.nodata
    }

    /// D8 directions of `dem`.
    /// - Parameters:
    ///   - geometry: cell sizes (only their ratio matters for directions).
    ///   - border: the border rule (default `.drainOffGrid`).
    ///   - flats: a flat mask from `FlatResolution`, or nil to leave flats without outflow.
    ///   - jobs: threads for the row-parallel pass.
    public static func d8(_ dem: Grid<Double>, geometry: CellGeometry, border: BorderRule = .drainOffGrid,
                          flats: FlatMask? = nil, jobs: Int = 1) -> FlowDirections {
        let mask = ValidMask(dem)
        return d8(z: dem.values, valid: mask.valid, width: dem.width, height: dem.height,
                  geometry: geometry, border: border, flats: flats, jobs: jobs)
    }

    static func d8(z: [Double], valid: [Bool], width: Int, height: Int, geometry: CellGeometry,
                   border: BorderRule, flats: FlatMask?, jobs: Int) -> FlowDirections {
        let n = width * height
        var codes = [UInt8](repeating: D8.nodata, count: n)
        let nb = Neighbourhood(width: width, height: height)
        let dist = geometry.neighbourDistanceTable(rows: height)   // 8 per row
        let table = nb.codes
        let offGrid = border == .drainOffGrid
        z.withUnsafeBufferPointer { zb in
            valid.withUnsafeBufferPointer { vb in
                codes.withUnsafeMutableBufferPointer { cbp in
                        let cb = SharedBuffer(cbp)
                        WorkerThreads.forRows(height, jobs: jobs) { rows in
                            for r in rows {
                                for c in 0..<width {
                                    let i = r * width + c
                                    guard vb[i] else { continue }
                                    let interior = r > 0 && c > 0 && r < height - 1 && c < width - 1
                                    let zc = zb[i]
                                    var best = -Double.infinity, bk = -1
                                    var firstOutside = -1
                                    for k in 0..<8 {
                                        let ni = interior ? i + nb.offsets[k] : nb.neighbour(i, r: r, c: c, k)
                                        if ni < 0 || !vb[ni] {
                                            if firstOutside < 0 { firstOutside = k }
                                            continue
                                        }
                                        let drop = (zc - zb[ni]) / dist[8 &* r &+ k]
                                        if drop > best { best = drop; bk = k }
                                    }
                                    if best > 0 {
                                        cb[i] = table[bk]
                                    } else if offGrid && firstOutside >= 0 {
                                        cb[i] = table[firstOutside]
                                    } else {
                                        cb[i] = D8.noFlow
                                    }
                                }
                            }
                        }
                }
            }
        }
        var result = FlowDirections(width: width, height: height, codes: codes)
        guard let flats else { return result }
        result.resolve(flats, valid: valid, geometry: geometry)
        return result
    }

    /// Gives every no-outflow cell of a labelled flat the direction of steepest *mask* drop
    /// (mask_c − mask_k)/d_k toward a neighbour of the same flat (scan order, strict `>`).
    /// Only no-outflow cells change; in place (no copy of the codes).
    mutating func resolve(_ flats: FlatMask, valid: [Bool], geometry: CellGeometry) {
        let nb = Neighbourhood(width: width, height: height)
        let dist = geometry.neighbourDistanceTable(rows: height)   // 8 per row
        let labels = flats.labels, mask = flats.mask
        for i in 0..<codes.count where codes.values[i] == D8.noFlow && labels[i] > 0 {
            let r = i / width, c = i - r * width
            let mc = mask[i], lc = labels[i]
            var bestM = 0.0, bm = -1
            for k in 0..<8 {
                let ni = nb.neighbour(i, r: r, c: c, k)
                if ni < 0 || !valid[ni] || labels[ni] != lc { continue }
                let d = Double(mc - mask[ni]) / dist[8 * r + k]
                if d > bestM { bestM = d; bm = k }
            }
            if bm >= 0 { codes.values[i] = nb.codes[bm] }
        }
    }
}
