/// The D8 neighbourhood in the pysheds scan order and ESRI direction codes.
///
/// Scan order (index k = 0…7): N, NE, E, SE, S, SW, W, NW.
/// ESRI codes: 1 = E, 2 = SE, 4 = S, 8 = SW, 16 = W, 32 = NW, 64 = N, 128 = NE; 0 = no outflow.
/// Rows grow southwards (row 0 is the northern edge of a north-up grid).
public enum D8 {
    /// Row offsets in scan order.
    public static let rowOffsets: [Int] = [-1, -1, 0, 1, 1, 1, 0, -1]
    /// Column offsets in scan order.
    public static let colOffsets: [Int] = [0, 1, 1, 1, 0, -1, -1, -1]
    /// ESRI codes in scan order.
    public static let codes: [UInt8] = [64, 128, 1, 2, 4, 8, 16, 32]
    /// Code of a cell without outflow (pit, unresolved flat, or pysheds-rule border sink).
    public static let noFlow: UInt8 = 0
    /// Code stored for nodata cells in a `UInt8` direction grid.
    public static let nodata: UInt8 = 255

    /// Scan index (0…7) of an ESRI code, or nil for 0 / nodata / invalid codes.
    public static func index(ofCode code: UInt8) -> Int? {
        switch code {
        case 64: return 0
        case 128: return 1
        case 1: return 2
        case 2: return 3
        case 4: return 4
        case 8: return 5
        case 16: return 6
        case 32: return 7
        default: return nil
        }
    }

    /// Scan index (0…7) of every byte value read as an ESRI code, −1 for 0 / nodata / invalid codes.
    public static let scanIndex: [Int8] = (0..<256).map { code in index(ofCode: UInt8(code)).map { Int8($0) } ?? -1 }

    /// Linear index offset of the neighbour each ESRI code points at in a grid `width` wide (0 for non-codes),
    /// indexed by the code's byte value.
    public static func receiverTable(width: Int) -> [Int] {
        (0..<256).map { code in
            let k = Int(scanIndex[code])
            return k < 0 ? 0 : rowOffsets[k] * width + colOffsets[k]
        }
    }

    /// Whether scan index `k` is a diagonal direction.
    @inlinable public static func isDiagonal(_ k: Int) -> Bool { k & 1 == 1 }
}

/// Precomputed neighbour arithmetic for one grid size.
@usableFromInline
struct Neighbourhood: Sendable {
    let width: Int
    let height: Int
    /// Linear index offsets in scan order.
    let offsets: [Int]
    /// Row / column offsets and codes in scan order (instance copies: no lazy-global access in hot loops).
    let dr: [Int]
    let dc: [Int]
    let codes: [UInt8]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        offsets = (0..<8).map { D8.rowOffsets[$0] * width + D8.colOffsets[$0] }
        dr = D8.rowOffsets
        dc = D8.colOffsets
        codes = D8.codes
    }

    /// Whether valid cell i is an outlet: on the border or next to an invalid cell.
    @inline(__always) func isOutlet(_ i: Int, valid: UnsafeBufferPointer<Bool>) -> Bool {
        let r = i / width, c = i - r * width
        if r == 0 || c == 0 || r == height - 1 || c == width - 1 { return true }
        for k in 0..<8 where !valid[i + offsets[k]] { return true }
        return false
    }

    /// Whether the cell is on the grid's outer ring.
    @inline(__always) func isBorder(_ i: Int) -> Bool {
        let r = i / width, c = i - r * width
        return r == 0 || c == 0 || r == height - 1 || c == width - 1
    }

    /// Linear index of neighbour k of cell (r, c), or -1 when it is outside the grid.
    @inline(__always) func neighbour(_ i: Int, r: Int, c: Int, _ k: Int) -> Int {
        let nr = r + dr[k], nc = c + dc[k]
        if nr < 0 || nc < 0 || nr >= height || nc >= width { return -1 }
        return i + offsets[k]
    }
}
