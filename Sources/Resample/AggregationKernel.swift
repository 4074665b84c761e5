import Grid
import Raster

/// The reduction at the heart of block aggregation: input pixels → output cells by a
/// `CellMapping`, nodata-aware, accumulated in Float64.
///
/// Rules (the same for every caller, from `geotool resample` to the ECOSTRESS regrid):
/// - A pixel is *valid* unless it is NaN or equals the input nodata.
/// - Sums are accumulated row by row: Σ over input rows of (Σ of that row's pixels in the cell).
/// - A cell's *valid fraction* is valid pixels / input pixels whose centres fall in the cell
///   (pixels present in the input; a cell hanging over the raster edge counts only those).
/// - A cell is nodata when it has no valid pixel or its valid fraction < `minValidFraction`
///   (0 = any valid pixel suffices). `count` is never nodata: such cells count 0.
///
/// The kernel is a value: safe to share between worker threads.
public struct AggregationKernel: Sendable {
    public let mapping: CellMapping
    public let method: AggregationMethod
    public let minValidFraction: Double
    /// Value written to nodata cells (NaN by default).
    public let outputNodata: Double

    public init(mapping: CellMapping, method: AggregationMethod, minValidFraction: Double = 0,
                outputNodata: Double = .nan) throws {
        guard minValidFraction >= 0, minValidFraction <= 1 else {
            throw ResampleError.invalidOption("--min-valid-fraction must be within 0…1 (got \(minValidFraction))")
        }
        self.mapping = mapping
        self.method = method
        self.minValidFraction = minValidFraction
        self.outputNodata = outputNodata
    }

    /// Reduces input rows `inputRows` (row-major, `mapping.inputWidth` wide, `values[0]` being the
    /// first pixel of `inputRows.lowerBound`) into output rows `outputRows`; returns those output
    /// rows row-major. Input rows mapping outside `outputRows` are ignored, so a caller can hand
    /// over exactly the rows `mapping.inputRows(feeding:)` names.
    public func reduce<T: RasterScalar>(_ values: UnsafeBufferPointer<T>, inputRows: Range<Int>,
                                              inputNodata: Double?, outputRows: Range<Int>) -> [Double] {
        let iw = mapping.inputWidth, ow = mapping.outputWidth
        precondition(values.count >= inputRows.count * iw, "too few input values for \(inputRows.count) rows")
        let cells = outputRows.count * ow
        let needsSum = method == .sum || method == .mean
        let needsExtreme = method == .min || method == .max
        var sum = [Double](repeating: 0, count: needsSum ? cells : 0)
        var extreme = [Double](repeating: method == .min ? .infinity : -.infinity, count: needsExtreme ? cells : 0)
        var valid = [Int32](repeating: 0, count: cells)
        var total = [Int32](repeating: 0, count: cells)
        let nd = inputNodata ?? .nan
        let hasNodata = inputNodata.map { !$0.isNaN } ?? false
        let method = self.method
        let runs = mapping.columnRuns
        sum.withUnsafeMutableBufferPointer { sum in
        extreme.withUnsafeMutableBufferPointer { extreme in
        valid.withUnsafeMutableBufferPointer { valid in
        total.withUnsafeMutableBufferPointer { total in
        mapping.cellOfRow.withUnsafeBufferPointer { rowMap in
            for r in inputRows {
                let o = Int(rowMap[r])
                guard o >= outputRows.lowerBound, o < outputRows.upperBound else { continue }
                let rowBase = (o - outputRows.lowerBound) * ow
                let src = (r - inputRows.lowerBound) * iw
                for run in runs {
                    // One run of pixels of one cell in one row, reduced in registers, then
                    // added to the cell: sums are Σ over rows of (Σ over the run), in order.
                    var s = 0.0, lo = Double.infinity, hi = -Double.infinity
                    var n: Int32 = 0
                    for c in (src + run.start)..<(src + run.end) {
                        let v = values[c].doubleValue
                        guard v == v && !(hasNodata && v == nd) else { continue }
                        n &+= 1
                        s += v
                        lo = Swift.min(lo, v)
                        hi = Swift.max(hi, v)
                    }
                    let cell = rowBase + run.cell
                    total[cell] &+= Int32(run.end - run.start)
                    guard n > 0 else { continue }
                    valid[cell] &+= n
                    switch method {       // loop-invariant: perfectly predicted
                    case .sum, .mean: sum[cell] += s
                    case .min: extreme[cell] = Swift.min(extreme[cell], lo)
                    case .max: extreme[cell] = Swift.max(extreme[cell], hi)
                    case .count: break
                    }
                }
            }
        }}}}}
        var out = [Double](repeating: outputNodata, count: cells)
        for i in 0..<cells {
            if method == .count { out[i] = Double(valid[i]); continue }
            guard valid[i] > 0, Double(valid[i]) >= minValidFraction * Double(total[i]) else { continue }
            switch method {
            case .sum: out[i] = sum[i]
            case .mean: out[i] = sum[i] / Double(valid[i])
            case .min, .max: out[i] = extreme[i]
            case .count: break
            }
        }
        return out
    }

    /// Reduces a whole in-memory grid (its nodata and NaN are invalid).
    public func reduce<T: RasterScalar>(_ grid: Grid<T>) -> Grid<Double> {
        precondition(grid.width == mapping.inputWidth && grid.height == mapping.inputHeight,
                     "grid is \(grid.width)×\(grid.height), mapping expects \(mapping.inputWidth)×\(mapping.inputHeight)")
        let out = grid.values.withUnsafeBufferPointer {
            reduce($0, inputRows: 0..<grid.height, inputNodata: grid.nodata?.doubleValue,
                   outputRows: 0..<mapping.outputHeight)
        }
        return Grid(width: mapping.outputWidth, height: mapping.outputHeight, values: out,
                    nodata: method == .count ? nil : outputNodata)
    }
}

