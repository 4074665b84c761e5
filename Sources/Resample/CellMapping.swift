import GeoSupport
import Grid

/// Assigns input pixels to output cells: input pixel (col, row) belongs to output cell
/// (`cellOfColumn[col]`, `cellOfRow[row]`), −1 meaning "in no cell". A pixel belongs to the cell
/// that contains its *centre*, so every input pixel is counted at most once.
///
/// Separable mappings (a column index and a row index) cover every north-up case: integer
/// factors and arbitrary target resolutions/extents in the same CRS.
public struct CellMapping: Sendable, Equatable {
    public let inputWidth: Int
    public let inputHeight: Int
    public let outputWidth: Int
    public let outputHeight: Int
    /// Output column of each input column (−1: outside the output).
    public let cellOfColumn: [Int32]
    /// Output row of each input row (−1: outside the output).
    public let cellOfRow: [Int32]
    /// The output grid's geotransform (nil when the input had none).
    public let outputGeoTransform: GeoTransform?
    /// Maximal runs of consecutive input columns that fall in the same output column, in order
    /// (columns in no cell are left out): the kernel reduces a run in registers.
    public let columnRuns: [ColumnRun]

    /// Input columns `start..<end` all belong to output column `cell`.
    public struct ColumnRun: Sendable, Equatable {
        public let start: Int
        public let end: Int
        public let cell: Int
    }

    init(inputWidth: Int, inputHeight: Int, outputWidth: Int, outputHeight: Int,
         cellOfColumn: [Int32], cellOfRow: [Int32], outputGeoTransform: GeoTransform?) {
        self.inputWidth = inputWidth
        self.inputHeight = inputHeight
        self.outputWidth = outputWidth
        self.outputHeight = outputHeight
        self.cellOfColumn = cellOfColumn
        self.cellOfRow = cellOfRow
        self.outputGeoTransform = outputGeoTransform
        var runs: [ColumnRun] = []
        var c = 0
        while c < cellOfColumn.count {
            let k = cellOfColumn[c]
            var e = c + 1
            while e < cellOfColumn.count && cellOfColumn[e] == k { e += 1 }
            if k >= 0 { runs.append(ColumnRun(start: c, end: e, cell: Int(k))) }
            c = e
        }
        self.columnRuns = runs
    }

    /// Blocks of `factorX` × `factorY` input pixels aligned to the input's upper-left corner.
    public static func factor(inputWidth: Int, inputHeight: Int, factorX: Int, factorY: Int,
                              edge: EdgePolicy = .keep, inputGeoTransform: GeoTransform? = nil) throws -> CellMapping {
        guard factorX >= 1, factorY >= 1 else {
            throw ResampleError.invalidParameter(.factor, "must be ≥ 1 (got \(factorX)×\(factorY))")
        }
        // Ceiling division without `n + f − 1`, which overflows for a factor near Int.max.
        let ow = inputWidth / factorX + (edge == .keep && inputWidth % factorX != 0 ? 1 : 0)
        let oh = inputHeight / factorY + (edge == .keep && inputHeight % factorY != 0 ? 1 : 0)
        guard ow > 0, oh > 0 else {
            throw ResampleError.invalidParameter(.factor, "\(factorX)×\(factorY) leaves no whole output cell for a \(inputWidth)×\(inputHeight) input")
        }
        let cols = (0..<inputWidth).map { c in c / factorX < ow ? Int32(c / factorX) : -1 }
        let rows = (0..<inputHeight).map { r in r / factorY < oh ? Int32(r / factorY) : -1 }
        return CellMapping(inputWidth: inputWidth, inputHeight: inputHeight, outputWidth: ow, outputHeight: oh,
                           cellOfColumn: cols, cellOfRow: rows,
                           outputGeoTransform: inputGeoTransform?.scaled(byX: Double(factorX), y: Double(factorY)))
    }

    /// A target grid of `resolutionX` × `resolutionY` cells (CRS units) over `extent`
    /// (minX, minY, maxX, maxY; default: the input's bounds) in the input's CRS. Requires a
    /// north-up input. With `.drop`, cells only partly covered by the extent are dropped;
    /// with `.keep`, the extent is grown to whole cells. The output grid (8 bytes a cell, as it is
    /// accumulated) must fit `budget`: a larger one throws `SizeError` for the field "target
    /// resolution" before anything is allocated.
    public static func target(input gt: GeoTransform, inputWidth: Int, inputHeight: Int,
                              resolutionX: Double, resolutionY: Double,
                              extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)? = nil,
                              edge: EdgePolicy = .keep, budget: MemoryBudget = .standard) throws -> CellMapping {
        guard gt.isNorthUp else {
            throw ResampleError.invalidParameter(.targetResolution, "aggregation to a target resolution needs a north-up raster (no rotation)")
        }
        guard resolutionX > 0, resolutionY > 0, resolutionX.isFinite, resolutionY.isFinite else {
            throw ResampleError.invalidParameter(.targetResolution, "must be two positive numbers (got \(resolutionX) \(resolutionY))")
        }
        let e = extent ?? gt.bounds(width: inputWidth, height: inputHeight)
        guard e.maxX > e.minX, e.maxY > e.minY else {
            throw ResampleError.invalidParameter(.targetExtent, "must satisfy xmin < xmax and ymin < ymax")
        }
        let wx = (e.maxX - e.minX) / resolutionX, wy = (e.maxY - e.minY) / resolutionY
        // Tolerate floating-point noise: 1e-9 of a cell.
        let cw = edge == .keep ? (wx - 1e-9).rounded(.up) : (wx + 1e-9).rounded(.down)
        let ch = edge == .keep ? (wy - 1e-9).rounded(.up) : (wy + 1e-9).rounded(.down)
        guard cw >= 1, ch >= 1 else {
            throw ResampleError.invalidParameter(.targetResolution, "\(resolutionX)×\(resolutionY) leaves no whole output cell")
        }
        let (ow, oh) = try CheckedSize.grid(width: cw, height: ch, bytesPerCell: MemoryLayout<Double>.size,
                                            field: "target resolution", subject: "the output grid", budget: budget)
        let out = GeoTransform(originX: e.minX, pixelWidth: resolutionX, originY: e.maxY, pixelHeight: -resolutionY)
        let cols = (0..<inputWidth).map { c -> Int32 in
            let x = gt.originX + (Double(c) + 0.5) * gt.pixelWidth
            let k = ((x - out.originX) / resolutionX).rounded(.down)
            return k >= 0 && k < Double(ow) ? Int32(k) : -1
        }
        let rows = (0..<inputHeight).map { r -> Int32 in
            let y = gt.originY + (Double(r) + 0.5) * gt.pixelHeight
            let k = ((out.originY - y) / resolutionY).rounded(.down)
            return k >= 0 && k < Double(oh) ? Int32(k) : -1
        }
        return CellMapping(inputWidth: inputWidth, inputHeight: inputHeight, outputWidth: ow, outputHeight: oh,
                           cellOfColumn: cols, cellOfRow: rows, outputGeoTransform: out)
    }

    /// The indices (into `columnRuns`) of the runs within input columns `columns`, or nil when a
    /// run crosses the range's edges (it would have to be reduced in two pieces, which changes
    /// the order of the additions).
    public func runs(within columns: Range<Int>) -> Range<Int>? {
        var first = columnRuns.count, last = columnRuns.count
        for (i, run) in columnRuns.enumerated() {
            if run.end <= columns.lowerBound { continue }
            if run.start >= columns.upperBound { last = i; break }
            guard run.start >= columns.lowerBound, run.end <= columns.upperBound else { return nil }
            first = Swift.min(first, i)
        }
        return first < last ? first..<last : last..<last
    }

    /// The input rows that feed output rows `outputRows` (contiguous because rows map monotonically).
    public func inputRows(feeding outputRows: Range<Int>) -> Range<Int> {
        var lo = inputHeight, hi = 0
        for r in 0..<inputHeight {
            let o = Int(cellOfRow[r])
            if o >= outputRows.lowerBound && o < outputRows.upperBound { lo = Swift.min(lo, r); hi = r + 1 }
        }
        return lo < hi ? lo..<hi : 0..<0
    }
}
