import Grid

/// Validity of DEM cells (not NaN, not nodata, finite) as a flat Bool array, plus outlet detection.
public struct ValidMask: Sendable {
    public let width: Int
    public let height: Int
    /// `valid[i]` for linear index i.
    public let valid: [Bool]

    /// Valid where the value is finite and not the grid's nodata value.
    public init(_ grid: Grid<Double>) {
        width = grid.width
        height = grid.height
        let nd = grid.nodata
        valid = grid.values.map { v in v.isFinite && (nd == nil || v != nd!) }
    }

    public init(width: Int, height: Int, valid: [Bool]) {
        precondition(valid.count == width * height)
        self.width = width
        self.height = height
        self.valid = valid
    }

    /// Number of valid cells.
    public var validCount: Int { valid.reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// A valid cell is an *outlet* when it lies on the grid border or has a nodata neighbour
    /// (8-connectivity): water can leave the grid there. Depression filling seeds from outlets,
    /// landscape evolution holds them at base level.
    public func isOutlet(_ i: Int) -> Bool {
        guard valid[i] else { return false }
        let r = i / width, c = i % width
        if r == 0 || c == 0 || r == height - 1 || c == width - 1 { return true }
        for k in 0..<8 where !valid[(r + D8.rowOffsets[k]) * width + c + D8.colOffsets[k]] { return true }
        return false
    }
}
