import Foundation
import GeoSupport
import Grid
import Raster

/// Streaming block aggregation of a raster file (`geotool resample`): worker threads each read a
/// strip of input rows (a whole input block row when `stripBudget` allows) into their own reusable
/// buffer and reduce it there with `AggregationKernel`; the calling thread writes output rows in
/// order, a whole output block row at a time. Memory is bounded by `workers` strip buffers
/// (≤ `stripBudget`) plus `queueCapacity` reduced strips, independent of the raster size. Output
/// is written atomically (temporary name, renamed on success); on any error nothing is left at
/// the output path.
public struct BlockAggregation: Sendable {
    /// The output grid: integer factors, or a target resolution (and optional extent) in the input CRS.
    public enum Target: Sendable {
        case factor(x: Int, y: Int)
        case resolution(x: Double, y: Double, extent: (minX: Double, minY: Double, maxX: Double, maxY: Double)?)
    }

    public var target: Target
    public var method: AggregationMethod
    public var minValidFraction: Double = 0
    public var edge: EdgePolicy = .keep
    /// Worker threads reducing strips (default: active processor count).
    public var workers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// Strips in flight at once (reduced strips waiting to be written in order; 0 = workers + 2).
    public var queueCapacity: Int = 0
    /// Bytes of input strip buffers (one per worker) the run may hold; strips get fewer rows
    /// than an input block row when `workers` whole block rows would not fit (0 = no limit).
    public var stripBudget: Int = 64 << 20
    /// Output pixel type; nil = Float64 for sum, UInt32 for count, else Float32 (Float64 for
    /// 32-bit integer or Float64 inputs, which Float32 cannot hold exactly).
    public var outputType: RasterDataType?
    public var format: OutputFormat = .gtiff
    public var creationOptions: [String: String] = [:]
    /// Extra metadata for the output (e.g. provenance).
    public var metadata: [String: String] = [:]

    public init(target: Target, method: AggregationMethod) {
        self.target = target
        self.method = method
    }

    /// What a run produced.
    public struct Summary: Sendable {
        public let outputWidth: Int
        public let outputHeight: Int
        public let bands: Int
        public let strips: Int
        public let geoTransform: GeoTransform?
    }

    /// Aggregates every band of `inputPath` into `outputPath`. `progress` gets the fraction done.
    @discardableResult
    public func run(input inputPath: String, output outputPath: String,
                    progress: ((Double) -> Void)? = nil) throws -> Summary {
        let input = try Dataset.open(inputPath, openOptions: ["OVERVIEW_LEVEL": "NONE"])
        let first = try input.band(1)
        guard let inputType = first.dataType else {
            throw ResampleError.invalidInput(path: inputPath, "unsupported pixel type \(first.gdalTypeName)")
        }
        let mapping = try makeMapping(input)
        let outType = outputType ?? defaultOutputType(for: inputType)
        let outputNodata: Double? = method == .count ? nil : (outType.isFloatingPoint ? .nan : nil)
        guard method == .count || outType.isFloatingPoint else {
            throw ResampleError.invalidParameter(.outputType, "\(outType.gdalName): \(method.rawValue) needs a floating-point output type (nodata is NaN)")
        }
        let kernel = try AggregationKernel(mapping: mapping, method: method, minValidFraction: minValidFraction)

        // Output blocks are compressed by GDAL's own thread pool (NUM_THREADS), off the thread that
        // writes them in order; the pixel values are the same either way.
        var options = creationOptions
        if options["NUM_THREADS"] == nil { options["NUM_THREADS"] = "\(max(1, workers))" }
        // Stored like the input (uncompressed stays uncompressed) unless -co says otherwise; compressed
        // floating-point output gets the predictor and DEFLATE level 1 unless chosen (`FastCompression`).
        options = FastCompression.options(options, format: format, dataType: outType, inheritingFrom: input)
        let out = try RasterOutput(path: outputPath, format: format, width: mapping.outputWidth,
                                   height: mapping.outputHeight, bandCount: input.bandCount, dataType: outType,
                                   georeference: Georeference(geoTransform: mapping.outputGeoTransform,
                                                              crsWKT: input.crsWKT),
                                   creationOptions: options)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { try out.dataset.setMetadataItem(key, value) }
        try out.dataset.setMetadataItem("GEOTOOL_AGGREGATION", describe(mapping))

        let strips = stripRanges(mapping: mapping, blockHeight: first.blockSize.height,
                                 bytesPerRow: input.width * inputType.byteSize)
        let capacity = queueCapacity > 0 ? queueCapacity : max(1, workers) + 2
        let bandCount = input.bandCount
        for b in 1...bandCount {
            let outBand = try out.dataset.band(b)
            let inBand = try input.band(b)
            if let nd = outputNodata { try outBand.setNodata(nd) }
            outBand.setDescription(inBand.bandDescription)
            let type = inBand.dataType ?? inputType
            let layout = blockLayout(mapping: mapping, strips: strips, blockSize: inBand.blockSize, elementSize: type.byteSize)
            try aggregateBand(b, type: type, inputPath: inputPath, nodata: inBand.nodata, kernel: kernel,
                              strips: strips, layout: layout, capacity: capacity, into: outBand) { f in
                progress?((Double(b - 1) + f) / Double(bandCount))
            }
        }
        try out.commit()
        return Summary(outputWidth: mapping.outputWidth, outputHeight: mapping.outputHeight, bands: bandCount,
                       strips: strips.count, geoTransform: mapping.outputGeoTransform)
    }

    /// One band through the pipeline, dispatched on the input pixel type so the kernel runs
    /// on native values (no Float64 copy of the input).
    private func aggregateBand(_ b: Int, type: RasterDataType, inputPath: String, nodata: Double?,
                               kernel: AggregationKernel, strips: [Strip], layout: BlockLayout?, capacity: Int,
                               into outBand: Band, progress: (Double) -> Void) throws {
        let job = BandJob(band: b, inputPath: inputPath, nodata: nodata, kernel: kernel, strips: strips,
                          layout: layout, capacity: capacity)
        switch type {
        case .uint8: try pipeline(UInt8.self, job, outBand, progress)
        case .int8: try pipeline(Int8.self, job, outBand, progress)
        case .uint16: try pipeline(UInt16.self, job, outBand, progress)
        case .int16: try pipeline(Int16.self, job, outBand, progress)
        case .uint32: try pipeline(UInt32.self, job, outBand, progress)
        case .int32: try pipeline(Int32.self, job, outBand, progress)
        case .float32: try pipeline(Float.self, job, outBand, progress)
        case .float64: try pipeline(Double.self, job, outBand, progress)
        }
    }

    /// What one band's pipeline needs (plain values, shared by the worker threads).
    private struct BandJob: Sendable {
        let band: Int
        let inputPath: String
        let nodata: Double?
        let kernel: AggregationKernel
        let strips: [Strip]
        let layout: BlockLayout?
        let capacity: Int
    }

    private func pipeline<T: RasterScalar>(_: T.Type, _ job: BandJob, _ outBand: Band,
                                           _ progress: (Double) -> Void) throws {
        let (kernel, strips, nodata, layout) = (job.kernel, job.strips, job.nodata, job.layout)
        let width = kernel.mapping.inputWidth, outWidth = kernel.mapping.outputWidth
        let maxRows = strips.map(\.inputRows.count).max() ?? 0
        // Each worker reads its strip straight into its own reusable buffer and reduces it there
        // (read and reduce fused: no reader thread, no per-strip allocation, no hand-over copy).
        // With a block layout the buffer holds one input block, reduced as stored (no de-tiling).
        let bufferCount = layout.map { $0.blockWidth * $0.blockHeight } ?? maxRows * width
        let readers = ReaderPool<T>(path: job.inputPath, band: job.band, bufferCount: bufferCount)
        defer { readers.close() }
        // Output rows are written a whole output block row at a time, so GDAL compresses each
        // output block once, never re-reads a half-written one, and needs almost no block cache.
        let blockRows = max(1, outBand.blockSize.height)
        var pending = [Double](repeating: 0, count: blockRows * outWidth)
        var pendingTop = 0, pendingCount = 0
        // Float64 output (sums, means) of whole block rows goes block by block straight to the
        // driver (no block cache to fill: −10 % CPU at 16384²); other types convert through RasterIO.
        let blockWriter = outBand.dataType == .float64
            ? BlockRowWriter(band: outBand) : nil
        defer { blockWriter?.close() }
        func flush() throws {
            guard pendingCount > 0 else { return }
            try pending.withUnsafeBufferPointer {
                let rows = UnsafeBufferPointer(rebasing: $0[0..<(pendingCount * outWidth)])
                if let blockWriter {
                    try blockWriter.write(rows, blockRow: pendingTop / blockRows, rowCount: pendingCount)
                } else {
                    try outBand.write(rows, window: Window(col: 0, row: pendingTop, width: outWidth, height: pendingCount))
                }
            }
            pendingTop += pendingCount
            pendingCount = 0
        }
        try OrderedPipeline.run(
            count: strips.count, workers: workers, capacity: job.capacity,
            makeProducer: { { i in i } },
            transform: { i, _ -> [Double] in
                let strip = strips[i]
                let reader = try readers.take()
                defer { readers.give(reader) }
                if let layout {
                    return try Self.reduceByBlocks(strip, layout, reader, kernel, nodata)
                }
                let rows = strip.inputRows
                if !rows.isEmpty {
                    try reader.band.read(into: UnsafeMutableBufferPointer(rebasing: reader.buffer[0..<(rows.count * width)]),
                                         window: Window(col: 0, row: rows.lowerBound, width: width, height: rows.count))
                }
                let cells = strip.outputRows.count * outWidth
                return [Double](unsafeUninitializedCapacity: cells) { out, count in
                    kernel.reduce(UnsafeBufferPointer(rebasing: reader.buffer[0..<(rows.count * width)]),
                                  inputRows: rows, inputNodata: nodata, outputRows: strip.outputRows,
                                  into: UnsafeMutableBufferPointer(rebasing: out[0..<cells]), scratch: &reader.scratch)
                    count = cells
                }
            },
            consume: { i, cells in
                let rows = strips[i].outputRows
                precondition(rows.lowerBound == pendingTop + pendingCount, "strips out of order")
                var offset = 0
                while offset < rows.count {
                    let n = min(rows.count - offset, blockRows - pendingCount)
                    pending.withUnsafeMutableBufferPointer { dst in
                        cells.withUnsafeBufferPointer { src in
                            _ = UnsafeMutableBufferPointer(rebasing: dst[(pendingCount * outWidth)...])
                                .update(fromContentsOf: src[(offset * outWidth)..<((offset + n) * outWidth)])
                        }
                    }
                    pendingCount += n
                    offset += n
                    if pendingCount == blockRows { try flush() }
                }
                progress(Double(i + 1) / Double(strips.count))
            })
        try flush()
    }

    /// Reduces one strip block by block: each input block the strip covers is read whole, as
    /// stored (`Band.readBlock`: no block cache, no de-tiling copy into a row-major strip), into
    /// the worker's block buffer and reduced there. Block rows are fed in order, so every cell
    /// gets its rows in order and the result is bit-identical to the row-major path.
    private static func reduceByBlocks<T: RasterScalar>(_ strip: Strip, _ layout: BlockLayout, _ reader: ReaderPool<T>.Slot,
                                                        _ kernel: AggregationKernel, _ nodata: Double?) throws -> [Double] {
        let rows = strip.inputRows
        let (bw, bh) = (layout.blockWidth, layout.blockHeight)
        kernel.begin(outputRows: strip.outputRows, scratch: &reader.scratch)
        if !rows.isEmpty {
            for blockRow in (rows.lowerBound / bh)...((rows.upperBound - 1) / bh) {
                let piece = max(rows.lowerBound, blockRow * bh)..<min(rows.upperBound, (blockRow + 1) * bh)
                for (blockColumn, runs) in layout.runs.enumerated() where !runs.isEmpty {
                    try reader.band.readBlock(column: blockColumn, row: blockRow, into: reader.buffer)
                    kernel.accumulate(UnsafePointer(reader.buffer.baseAddress! + (piece.lowerBound - blockRow * bh) * bw),
                                      rowStride: bw, firstColumn: blockColumn * bw, runs: runs, inputRows: piece,
                                      inputNodata: nodata, outputRows: strip.outputRows, scratch: &reader.scratch)
                }
            }
        }
        let cells = strip.outputRows.count * kernel.mapping.outputWidth
        return [Double](unsafeUninitializedCapacity: cells) { out, count in
            kernel.finish(inputRows: rows, outputRows: strip.outputRows,
                          into: UnsafeMutableBufferPointer(rebasing: out[0..<cells]), scratch: &reader.scratch)
            count = cells
        }
    }

    /// How strips are read when the input's blocks can be reduced as they are stored: the block
    /// size and, per block column, the column runs inside it.
    struct BlockLayout: Sendable {
        let blockWidth: Int
        let blockHeight: Int
        let runs: [Range<Int>]
    }

    /// The block layout, or nil when strips must be read row-major through `Band.read`: when a
    /// cell's columns straddle two block columns (its row sums would be split, changing the order
    /// of the additions), when two strips share a block row (each would decode it: no block cache
    /// on this path), or when `workers` blocks would not fit the strip budget.
    func blockLayout(mapping: CellMapping, strips: [Strip], blockSize: (width: Int, height: Int),
                     elementSize: Int) -> BlockLayout? {
        let (bw, bh) = blockSize
        guard bw > 0, bh > 0 else { return nil }
        if stripBudget > 0 && max(1, workers) * bw * bh * elementSize > stripBudget { return nil }
        let used = strips.map(\.inputRows).filter { !$0.isEmpty }
        for (a, b) in zip(used, used.dropFirst()) where (a.upperBound - 1) / bh == b.lowerBound / bh { return nil }
        var runs: [Range<Int>] = []
        for start in stride(from: 0, to: mapping.inputWidth, by: bw) {
            guard let r = mapping.runs(within: start..<min(start + bw, mapping.inputWidth)) else { return nil }
            runs.append(r)
        }
        return BlockLayout(blockWidth: bw, blockHeight: bh, runs: runs)
    }

    /// A unit of pipeline work: output rows and the input rows that feed them.
    struct Strip: Sendable {
        let outputRows: Range<Int>
        let inputRows: Range<Int>
    }

    /// Output rows grouped so each strip reads about one input block row (at least 64 rows), fewer
    /// when `workers` strips of `bytesPerRow` would exceed `stripBudget` (never less than the
    /// input rows of one output row).
    func stripRanges(mapping: CellMapping, blockHeight: Int, bytesPerRow: Int = 0) -> [Strip] {
        let inputRowsPerCell = max(1, (mapping.inputHeight + mapping.outputHeight - 1) / max(1, mapping.outputHeight))
        var inputRows = max(blockHeight, 64)
        if bytesPerRow > 0 && stripBudget > 0 {
            inputRows = min(inputRows, stripBudget / (max(1, workers) * bytesPerRow))
        }
        let perStrip = max(1, Int((Double(inputRows) / Double(inputRowsPerCell)).rounded(.down)))
        return stride(from: 0, to: mapping.outputHeight, by: perStrip).map { start in
            let rows = start..<min(mapping.outputHeight, start + perStrip)
            return Strip(outputRows: rows, inputRows: mapping.inputRows(feeding: rows))
        }
    }

    func makeMapping(_ input: Dataset) throws -> CellMapping {
        switch target {
        case let .factor(x, y):
            return try CellMapping.factor(inputWidth: input.width, inputHeight: input.height, factorX: x, factorY: y,
                                          edge: edge, inputGeoTransform: input.geoTransform)
        case let .resolution(x, y, extent):
            guard let gt = input.geoTransform else {
                throw ResampleError.invalidInput(path: input.path, "has no geotransform; use --factor instead of --tr")
            }
            return try CellMapping.target(input: gt, inputWidth: input.width, inputHeight: input.height,
                                          resolutionX: x, resolutionY: y, extent: extent, edge: edge)
        }
    }

    func defaultOutputType(for input: RasterDataType) -> RasterDataType {
        switch method {
        case .count: return .uint32
        case .sum: return .float64
        case .mean, .min, .max:
            return [.uint32, .int32, .float64].contains(input) ? .float64 : .float32
        }
    }

    private func describe(_ m: CellMapping) -> String {
        "method=\(method.rawValue) min_valid_fraction=\(minValidFraction) edge=\(edge.rawValue) "
            + "input=\(m.inputWidth)x\(m.inputHeight) output=\(m.outputWidth)x\(m.outputHeight)"
    }
}

/// Per-worker read state for one band: a dataset handle, a strip buffer allocated once, and the
/// kernel's accumulators. A slot is used by one thread at a time (`take` … `give`, under a lock,
/// so its GDAL handle never runs on two threads at once); at most one slot per concurrent
/// worker is ever created, so memory is `workers` × one strip.
final class ReaderPool<T: RasterScalar>: @unchecked Sendable {
    final class Slot {
        let dataset: Dataset
        let band: Band
        let buffer: UnsafeMutableBufferPointer<T>
        var scratch = AggregationKernel.Scratch()

        init(path: String, band b: Int, count: Int) throws {
            // Plain open: reads are at full resolution (never served from overviews), and
            // OVERVIEW_LEVEL would wrap the bands in proxies that bypass the driver's fast paths.
            dataset = try Dataset.open(path)
            band = try dataset.band(b)
            buffer = .allocate(capacity: max(1, count))
        }

        deinit { buffer.deallocate() }
    }

    private let lock = NSLock()
    private var free: [Slot] = []
    private let path: String
    private let band: Int
    private let count: Int

    init(path: String, band: Int, bufferCount: Int) {
        self.path = path
        self.band = band
        self.count = bufferCount
    }

    func take() throws -> Slot {
        if let slot = lock.withLock({ free.popLast() }) { return slot }
        return try Slot(path: path, band: band, count: count)
    }

    func give(_ slot: Slot) { lock.withLock { free.append(slot) } }

    /// Drops every slot (closes the handles, frees the buffers); call after the pipeline ended.
    func close() { lock.withLock { free.removeAll() } }
}
