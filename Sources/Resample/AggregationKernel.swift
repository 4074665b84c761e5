import Grid
import Raster
import ResampleKernel

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
    /// Input columns per output column (pixels present in the input), for the valid fraction.
    let pixelsPerOutputColumn: [Int32]
    /// Whether Float32 sums use the C kernel `geotool_sum4_f32` (AVX2, same additions in the same
    /// order as `sumFourRows`, so the same bits); default: when the CPU has AVX2. A caller (a test)
    /// may switch it off to check the Swift loops.
    public var usesVectorSum = AggregationKernel.vectorSumAvailable

    public init(mapping: CellMapping, method: AggregationMethod, minValidFraction: Double = 0,
                outputNodata: Double = .nan) throws {
        guard minValidFraction >= 0, minValidFraction <= 1 else {
            throw ResampleError.invalidParameter(.minimumValidFraction, "must be within 0…1 (got \(minValidFraction))")
        }
        self.mapping = mapping
        self.method = method
        self.minValidFraction = minValidFraction
        self.outputNodata = outputNodata
        var perColumn = [Int32](repeating: 0, count: mapping.outputWidth)
        for run in mapping.columnRuns { perColumn[run.cell] += Int32(run.end - run.start) }
        self.pixelsPerOutputColumn = perColumn
    }

    /// Reduces input rows `inputRows` (row-major, `mapping.inputWidth` wide, `values[0]` being the
    /// first pixel of `inputRows.lowerBound`) into output rows `outputRows`; returns those output
    /// rows row-major. Input rows mapping outside `outputRows` are ignored, so a caller can hand
    /// over exactly the rows `mapping.inputRows(feeding:)` names.
    public func reduce<T: RasterScalar>(_ values: UnsafeBufferPointer<T>, inputRows: Range<Int>,
                                        inputNodata: Double?, outputRows: Range<Int>) -> [Double] {
        var scratch = Scratch()
        let cells = outputRows.count * mapping.outputWidth
        return [Double](unsafeUninitializedCapacity: cells) { out, count in
            reduce(values, inputRows: inputRows, inputNodata: inputNodata, outputRows: outputRows,
                   into: UnsafeMutableBufferPointer(rebasing: out[0..<cells]), scratch: &scratch)
            count = cells
        }
    }

    /// Per-thread accumulators, reused from strip to strip (no allocation once grown).
    public struct Scratch {
        var sum: [Double] = []
        var extreme: [Double] = []
        var valid: [Int32] = []
        public init() {}

        mutating func prepare(cells: Int, method: AggregationMethod) {
            func reset<E>(_ a: inout [E], _ count: Int, _ value: E) {
                if a.count == count {
                    a.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
                } else {
                    a = [E](repeating: value, count: count)
                }
            }
            reset(&valid, cells, 0)
            if method == .sum || method == .mean { reset(&sum, cells, 0) }
            if method == .min { reset(&extreme, cells, .infinity) }
            if method == .max { reset(&extreme, cells, -.infinity) }
        }
    }

    /// As `reduce(_:inputRows:inputNodata:outputRows:)`, but writes the `outputRows.count ×
    /// mapping.outputWidth` cells into `out` and accumulates in `scratch` (reused by the caller
    /// from strip to strip): the streaming path allocates nothing per strip.
    ///
    /// The inner loops are branch-free (an invalid pixel adds +0.0 and counts 0, which leaves a
    /// sum bit-identical to skipping it: a sum that starts at +0.0 never becomes −0.0) and keep
    /// the documented order, so results are bit-identical to the plain-loop reference.
    public func reduce<T: RasterScalar>(_ values: UnsafeBufferPointer<T>, inputRows: Range<Int>,
                                        inputNodata: Double?, outputRows: Range<Int>,
                                        into out: UnsafeMutableBufferPointer<Double>, scratch: inout Scratch) {
        let iw = mapping.inputWidth
        precondition(values.count >= inputRows.count * iw, "too few input values for \(inputRows.count) rows")
        begin(outputRows: outputRows, scratch: &scratch)
        if let base = values.baseAddress {
            accumulate(UnsafePointer(base), rowStride: iw, firstColumn: 0, runs: 0..<mapping.columnRuns.count,
                       inputRows: inputRows, inputNodata: inputNodata, outputRows: outputRows, scratch: &scratch)
        }
        finish(inputRows: inputRows, outputRows: outputRows, into: out, scratch: &scratch)
    }

    /// Starts a strip of output rows: clears `scratch`'s accumulators. Then call `accumulate` for
    /// the strip's input pixels (in any number of pieces, see there) and `finish`.
    public func begin(outputRows: Range<Int>, scratch: inout Scratch) {
        scratch.prepare(cells: outputRows.count * mapping.outputWidth, method: method)
    }

    /// Adds a piece of a strip to `scratch`: input rows `inputRows` of the columns covered by
    /// `runs` (indices into `mapping.columnRuns`). `values` points at the pixel (row
    /// `inputRows.lowerBound`, column `firstColumn`); rows are `rowStride` elements apart, so a
    /// piece can be a whole strip (`firstColumn` 0, stride = input width) or one block of a tiled
    /// raster read as it is stored (stride = block width). Every run must lie inside the piece.
    ///
    /// Bit-identical to one whole-strip call as long as, per cell, the rows arrive in order:
    /// feed the pieces of one block row (any column order), then those of the next block row.
    /// A run is always reduced whole, so pieces must not split a run (`CellMapping.runs(within:)`).
    public func accumulate<T: RasterScalar>(_ values: UnsafePointer<T>, rowStride: Int, firstColumn: Int,
                                            runs runRange: Range<Int>, inputRows: Range<Int>, inputNodata: Double?,
                                            outputRows: Range<Int>, scratch: inout Scratch) {
        let ow = mapping.outputWidth
        guard !runRange.isEmpty, !outputRows.isEmpty, ow > 0 else { return }
        precondition(mapping.columnRuns[runRange.lowerBound].start >= firstColumn, "a run starts before the piece")
        let method = self.method
        // NaN never equals anything, so with no nodata (or a NaN nodata) `v != nd` always holds.
        let nd = inputNodata ?? .nan
        mapping.columnRuns.withUnsafeBufferPointer { allRuns in
        mapping.cellOfRow.withUnsafeBufferPointer { rowMap in
        scratch.valid.withUnsafeMutableBufferPointer { valid in
        scratch.sum.withUnsafeMutableBufferPointer { sum in
        scratch.extreme.withUnsafeMutableBufferPointer { extreme in
            let runs = UnsafeBufferPointer(rebasing: allRuns[runRange])
            var r = inputRows.lowerBound
            while r < inputRows.upperBound {
                let o = Int(rowMap[r])
                guard o >= outputRows.lowerBound, o < outputRows.upperBound else { r += 1; continue }
                let cellBase = (o - outputRows.lowerBound) * ow
                let src = values + (r - inputRows.lowerBound) * rowStride
                let v = valid.baseAddress! + cellBase
                // Four rows of the same output row at once: four independent dependency chains
                // (the latency of the in-order Float64 adds, not the loads, bounds a single row).
                if method == .sum || method == .mean, r + 3 < inputRows.upperBound,
                   Int(rowMap[r + 1]) == o, Int(rowMap[r + 2]) == o, Int(rowMap[r + 3]) == o {
                    if T.self == Float.self, usesVectorSum {
                        Self.vectorSumFourRows(UnsafeRawPointer(src).assumingMemoryBound(to: Float.self), rowStride,
                                               runs, firstColumn, nd, sum.baseAddress! + cellBase, v)
                    } else {
                        Self.sumFourRows(src, rowStride, runs, firstColumn, nd, sum.baseAddress! + cellBase, v)
                    }
                    r += 4
                    continue
                }
                r += 1
                switch method {
                case .sum, .mean: Self.sumRow(src, runs, firstColumn, nd, sum.baseAddress! + cellBase, v)
                case .count: Self.countRow(src, runs, firstColumn, nd, v)
                case .min: Self.minRow(src, runs, firstColumn, nd, extreme.baseAddress! + cellBase, v)
                case .max: Self.maxRow(src, runs, firstColumn, nd, extreme.baseAddress! + cellBase, v)
                }
            }
        }}}}}
    }

    /// Ends a strip: writes its `outputRows.count × mapping.outputWidth` cells into `out`.
    /// `inputRows` are the input rows the strip was fed (for the valid fraction).
    public func finish(inputRows: Range<Int>, outputRows: Range<Int>,
                       into out: UnsafeMutableBufferPointer<Double>, scratch: inout Scratch) {
        let ow = mapping.outputWidth
        precondition(out.count >= outputRows.count * ow, "output buffer too small for \(outputRows.count) rows")
        // Input rows per output row of this strip (for the valid fraction).
        var rowsIn = [Int32](repeating: 0, count: outputRows.count)
        for r in inputRows {
            let o = Int(mapping.cellOfRow[r])
            if o >= outputRows.lowerBound && o < outputRows.upperBound { rowsIn[o - outputRows.lowerBound] += 1 }
        }
        let method = self.method
        let perColumn = pixelsPerOutputColumn
        let threshold = minValidFraction
        for row in 0..<outputRows.count {
            let rowTotal = Double(rowsIn[row])
            for col in 0..<ow {
                let i = row * ow + col
                let n = scratch.valid[i]
                if method == .count { out[i] = Double(n); continue }
                guard n > 0, threshold == 0 || Double(n) >= threshold * (rowTotal * Double(perColumn[col])) else {
                    out[i] = outputNodata
                    continue
                }
                switch method {
                case .sum: out[i] = scratch.sum[i]
                case .mean: out[i] = scratch.sum[i] / Double(n)
                case .min, .max: out[i] = scratch.extreme[i]
                case .count: break
                }
            }
        }
    }

    /// Σ of each run's valid pixels (in order), added to its cell; valid counts likewise.
    @inline(__always)
    private static func sumRow<T: RasterScalar>(_ src: UnsafePointer<T>, _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>,
                                                _ shift: Int, _ nd: Double, _ sum: UnsafeMutablePointer<Double>,
                                                _ valid: UnsafeMutablePointer<Int32>) {
        for run in runs {
            var s = 0.0
            var n: Int32 = 0
            var c = run.start &- shift
            let end = run.end &- shift
            while c < end {
                let v = src[c].doubleValue
                let ok = (v == v) && (v != nd)
                s += ok ? v : 0
                n &+= ok ? 1 : 0
                c &+= 1
            }
            sum[run.cell] += s
            valid[run.cell] &+= n
        }
    }

    /// `sumRow` for four consecutive input rows (`src`, `src + stride`, …) of one output row: per
    /// run, one register sum per row, added to the cell in row order, so the result is the same
    /// bits as four `sumRow` calls.
    @inline(__always)
    private static func sumFourRows<T: RasterScalar>(_ src: UnsafePointer<T>, _ stride: Int,
                                                     _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>,
                                                     _ shift: Int, _ nd: Double, _ sum: UnsafeMutablePointer<Double>,
                                                     _ valid: UnsafeMutablePointer<Int32>) {
        let a = src, b = src + stride, c = src + 2 * stride, d = src + 3 * stride
        // Lane k is row k's register sum: each lane does exactly the scalar sequence of adds
        // (SIMD only keeps the select branch-free and runs the four chains side by side).
        let ndv = SIMD4<Double>(repeating: nd)
        let zero = SIMD4<Double>(repeating: 0)
        let one = SIMD4<Int64>(repeating: 1), none = SIMD4<Int64>(repeating: 0)
        for run in runs {
            var s = zero
            var n = none
            var i = run.start &- shift
            let end = run.end &- shift
            while i < end {
                let v = SIMD4<Double>(a[i].doubleValue, b[i].doubleValue, c[i].doubleValue, d[i].doubleValue)
                let ok = (v .== v) .& (v .!= ndv)
                s += zero.replacing(with: v, where: ok)
                n &+= none.replacing(with: one, where: ok)
                i &+= 1
            }
            var t = sum[run.cell]
            t += s[0]
            t += s[1]
            t += s[2]
            t += s[3]
            sum[run.cell] = t
            valid[run.cell] &+= Int32(truncatingIfNeeded: n[0] &+ n[1] &+ n[2] &+ n[3])
        }
    }

    /// The CPU has AVX2, and a `ColumnRun` is laid out as the C kernel reads it (three Int64s).
    static let vectorSumAvailable = geotool_sum4_f32_available() != 0
        && MemoryLayout<CellMapping.ColumnRun>.stride == 24
        && MemoryLayout<CellMapping.ColumnRun>.offset(of: \.cell) == 16

    /// `sumFourRows` for Float32 input, in C with AVX2.
    @inline(__always)
    private static func vectorSumFourRows(_ src: UnsafePointer<Float>, _ stride: Int,
                                          _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>, _ shift: Int,
                                          _ nd: Double, _ sum: UnsafeMutablePointer<Double>,
                                          _ valid: UnsafeMutablePointer<Int32>) {
        guard let base = runs.baseAddress else { return }
        // A nodata a Float cannot hold (or NaN) marks no pixel: only NaN is invalid then.
        let hasNodata = !nd.isNaN && Double(Float(nd)) == nd
        geotool_sum4_f32(src, stride, UnsafeRawPointer(base).assumingMemoryBound(to: Int64.self), runs.count,
                         shift, hasNodata ? Float(nd) : 0, hasNodata ? 1 : 0, sum, valid)
    }

    @inline(__always)
    private static func countRow<T: RasterScalar>(_ src: UnsafePointer<T>, _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>,
                                                  _ shift: Int, _ nd: Double, _ valid: UnsafeMutablePointer<Int32>) {
        for run in runs {
            var n: Int32 = 0
            var c = run.start &- shift
            let end = run.end &- shift
            while c < end {
                let v = src[c].doubleValue
                n &+= (v == v) && (v != nd) ? 1 : 0
                c &+= 1
            }
            valid[run.cell] &+= n
        }
    }

    @inline(__always)
    private static func minRow<T: RasterScalar>(_ src: UnsafePointer<T>, _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>,
                                                _ shift: Int, _ nd: Double, _ extreme: UnsafeMutablePointer<Double>,
                                                _ valid: UnsafeMutablePointer<Int32>) {
        for run in runs {
            var lo = Double.infinity
            var n: Int32 = 0
            var c = run.start &- shift
            let end = run.end &- shift
            while c < end {
                let v = src[c].doubleValue
                let ok = (v == v) && (v != nd)
                let x = ok ? v : .infinity
                lo = x < lo ? x : lo        // first of equal values wins (−0 vs +0), as in the reference
                n &+= ok ? 1 : 0
                c &+= 1
            }
            if lo < extreme[run.cell] { extreme[run.cell] = lo }
            valid[run.cell] &+= n
        }
    }

    @inline(__always)
    private static func maxRow<T: RasterScalar>(_ src: UnsafePointer<T>, _ runs: UnsafeBufferPointer<CellMapping.ColumnRun>,
                                                _ shift: Int, _ nd: Double, _ extreme: UnsafeMutablePointer<Double>,
                                                _ valid: UnsafeMutablePointer<Int32>) {
        for run in runs {
            var hi = -Double.infinity
            var n: Int32 = 0
            var c = run.start &- shift
            let end = run.end &- shift
            while c < end {
                let v = src[c].doubleValue
                let ok = (v == v) && (v != nd)
                let x = ok ? v : -.infinity
                hi = x > hi ? x : hi        // first of equal values wins (−0 vs +0), as in the reference
                n &+= ok ? 1 : 0
                c &+= 1
            }
            if hi > extreme[run.cell] { extreme[run.cell] = hi }
            valid[run.cell] &+= n
        }
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

