import Grid
import GDALShim

/// Samples raster values at points: `gdallocationinfo` for many points at once, reading each
/// needed block once.
///
/// Points are turned into pixel coordinates with GDAL's own inverse geotransform and the same
/// arithmetic as `gdallocationinfo`, then floored (a point on a pixel corner belongs to the pixel
/// to its lower right), so `nearest` returns exactly what `gdallocationinfo -valonly` prints.
/// The blocks holding the pixels the points need are read in file order, each once per band.
/// See `SamplingMethod` for bilinear and the 3×3 statistics (edges and nodata neighbours).
///
/// Like `Dataset`, a sampler belongs to one thread; open one per thread.
public struct PointSampler {
    /// The raster sampled.
    public let dataset: Dataset
    /// GDAL's inverse geotransform (world → continuous pixel coordinates).
    private let inverse: [Double]

    /// A sampler over `dataset`; throws when it has no (invertible) geotransform.
    public init(dataset: Dataset) throws {
        guard let gt = dataset.geoTransform else {
            throw RasterError(.invalidArgument, path: dataset.path, "has no geotransform, so points cannot be placed on it")
        }
        var forward = gt.array
        var inv = [Double](repeating: 0, count: 6)
        guard GDALInvGeoTransform(&forward, &inv) != 0 else {
            throw RasterError(.invalidArgument, path: dataset.path, "its geotransform cannot be inverted")
        }
        self.dataset = dataset
        self.inverse = inv
    }

    /// Continuous pixel coordinates of a world point in the raster's CRS (`(0, 0)` is the
    /// upper-left corner of the raster), computed exactly as `gdallocationinfo` does.
    public func pixelCoordinates(x: Double, y: Double) -> (col: Double, row: Double) {
        (inverse[0] + inverse[1] * x + inverse[2] * y, inverse[3] + inverse[4] * x + inverse[5] * y)
    }

    /// The pixel holding a world point (GDAL's flooring convention), nil when outside the raster
    /// or not finite.
    public func pixel(x: Double, y: Double) -> PixelIndex? {
        let p = pixelCoordinates(x: x, y: y)
        guard p.col >= 0, p.row >= 0, p.col < Double(dataset.width), p.row < Double(dataset.height) else {
            return nil   // also rejects NaN
        }
        return PixelIndex(col: Int(p.col.rounded(.down)), row: Int(p.row.rounded(.down)))
    }

    /// Samples points given in `points`' CRS: they are transformed to the raster's CRS through
    /// the point set's cache (once per CRS). Throws when the raster has no CRS.
    public func sample(_ points: PointSet, bands: [Int]? = nil, method: SamplingMethod = .nearest) throws -> PointSamples {
        let p = try points.projected(to: dataset.crsWKT, path: dataset.path)
        return try sample(xs: p.xs, ys: p.ys, bands: bands, method: method)
    }

    /// Samples points whose coordinates are in the raster's CRS, in `bands` (1-based; nil =
    /// all). A point outside the raster (or with NaN coordinates) is status `outside`, never
    /// an error.
    public func sample(xs: [Double], ys: [Double], bands: [Int]? = nil,
                       method: SamplingMethod = .nearest) throws -> PointSamples {
        precondition(xs.count == ys.count, "x and y arrays differ in length")
        let bandList = bands ?? Array(1...max(1, dataset.bandCount))
        let located = (0..<xs.count).map { i -> (PixelIndex, Double, Double)? in
            guard let px = pixel(x: xs[i], y: ys[i]) else { return nil }
            let c = pixelCoordinates(x: xs[i], y: ys[i])
            return (px, c.col, c.row)
        }
        var values: [[Double]] = []
        var statuses: [[SampleStatus]] = []
        var types: [RasterDataType?] = []
        for b in bandList {
            let band = try dataset.band(b)
            let pixels = try BlockCache(band: band, needing: located.map { $0.map { Self.window(for: $0, method) } })
            var v = [Double](repeating: .nan, count: xs.count)
            var s = [SampleStatus](repeating: .outside, count: xs.count)
            for (i, loc) in located.enumerated() {
                guard let loc else { continue }
                (v[i], s[i]) = Self.evaluate(loc, method, pixels)
            }
            values.append(v)
            statuses.append(s)
            types.append(band.dataType)
        }
        return PointSamples(bands: bandList, dataTypes: types, pixels: located.map { $0?.0 },
                            values: values, statuses: statuses)
    }

    /// The pixels `method` reads for a located point (before clipping to the raster).
    private static func window(for loc: (PixelIndex, Double, Double), _ method: SamplingMethod) -> Window {
        let (px, col, row) = loc
        switch method {
        case .nearest:
            return Window(col: px.col, row: px.row, width: 1, height: 1)
        case .bilinear:
            let c0 = Int((col - 0.5).rounded(.down)), r0 = Int((row - 0.5).rounded(.down))
            return Window(col: c0, row: r0, width: 2, height: 2)
        case .mean3x3, .median3x3:
            return Window(col: px.col - 1, row: px.row - 1, width: 3, height: 3)
        }
    }

    private static func evaluate(_ loc: (PixelIndex, Double, Double), _ method: SamplingMethod,
                                 _ pixels: BlockCache) -> (Double, SampleStatus) {
        let (px, col, row) = loc
        let own = pixels.value(col: px.col, row: px.row)
        guard pixels.isValid(own) else { return (.nan, .nodata) }
        switch method {
        case .nearest:
            return (own, .ok)
        case .bilinear:
            let u = col - 0.5, v = row - 0.5
            let c0 = Int(u.rounded(.down)), r0 = Int(v.rounded(.down))
            let fx = u - Double(c0), fy = v - Double(r0)
            var sum = 0.0, weight = 0.0
            for (dc, dr, w) in [(0, 0, (1 - fx) * (1 - fy)), (1, 0, fx * (1 - fy)),
                                (0, 1, (1 - fx) * fy), (1, 1, fx * fy)] where w > 0 {
                guard let x = pixels.validValue(col: c0 + dc, row: r0 + dr) else { continue }
                sum += w * x
                weight += w
            }
            return (sum / weight, .ok)
        case .mean3x3, .median3x3:
            var neighbourhood: [Double] = []
            for r in (px.row - 1)...(px.row + 1) {
                for c in (px.col - 1)...(px.col + 1) {
                    if let x = pixels.validValue(col: c, row: r) { neighbourhood.append(x) }
                }
            }
            return (method == .mean3x3 ? mean(neighbourhood) : median(neighbourhood), .ok)
        }
    }

    private static func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    private static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        let m = s.count / 2
        return s.count % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2
    }
}

/// The pixels of one band that a set of pixel windows needs, as Float64. Each block holding such
/// pixels is read once, in file order, into one reused buffer, and only the needed pixels are
/// kept: memory grows with the number of points, not with the raster or the blocks it reads.
/// Blocks are read whole in the band's own type straight from the driver (`Band.readBlock`: no
/// block cache, no conversion), then the needed pixels are widened to Float64 (exact).
private struct BlockCache {
    let width: Int, height: Int
    let nodata: Double?
    private var values: [Int: Double] = [:]   // row · width + col → value

    init(band: Band, needing windows: [Window?]) throws {
        width = band.width
        height = band.height
        nodata = band.nodata
        let blockWidth = band.blockSize.width, blocksPerRow = band.blockCount.columns
        let blockHeight = band.blockSize.height
        let extent = Window(width: width, height: height)
        var windowsByBlock: [Int: [Window]] = [:]
        for case let w? in windows {
            let clipped = w.intersection(extent)
            guard !clipped.isEmpty else { continue }
            for br in (clipped.row / blockHeight)...((clipped.rowEnd - 1) / blockHeight) {
                for bc in (clipped.col / blockWidth)...((clipped.colEnd - 1) / blockWidth) {
                    windowsByBlock[br * blocksPerRow + bc, default: []].append(clipped)
                }
            }
        }
        let blocks = windowsByBlock.keys.sorted().map { ($0 % blocksPerRow, $0 / blocksPerRow, windowsByBlock[$0]!) }
        switch band.dataType {
        case .uint8?: try collect(UInt8.self, band, blocks)
        case .int8?: try collect(Int8.self, band, blocks)
        case .uint16?: try collect(UInt16.self, band, blocks)
        case .int16?: try collect(Int16.self, band, blocks)
        case .uint32?: try collect(UInt32.self, band, blocks)
        case .int32?: try collect(Int32.self, band, blocks)
        case .float32?: try collect(Float.self, band, blocks)
        case .float64?: try collect(Double.self, band, blocks)
        case nil: try collectConverted(band, blocks)
        }
    }

    /// Reads each block natively (`T` is the band's storage type) and keeps the windows' pixels.
    private mutating func collect<T: RasterScalar>(_: T.Type, _ band: Band, _ blocks: [(Int, Int, [Window])]) throws {
        let stride = band.blockSize.width
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: stride * band.blockSize.height)
        defer { buffer.deallocate() }
        for (column, row, windows) in blocks {
            try band.readBlock(column: column, row: row, into: buffer)
            keep(windows, of: band.blockWindow(column: column, row: row), stride: stride) { buffer[$0].doubleValue }
        }
    }

    /// Types without a native Swift scalar (64-bit integers, complex): GDAL converts to Float64.
    private mutating func collectConverted(_ band: Band, _ blocks: [(Int, Int, [Window])]) throws {
        var buffer = [Double](repeating: 0, count: band.blockSize.width * band.blockSize.height)
        for (column, row, windows) in blocks {
            let block = band.blockWindow(column: column, row: row)
            try buffer.withUnsafeMutableBufferPointer {
                try band.read(into: UnsafeMutableBufferPointer(rebasing: $0[0..<block.pixelCount]), window: block)
            }
            keep(windows, of: block, stride: block.width) { buffer[$0] }
        }
    }

    /// Stores the pixels of `windows` inside `block`; `value(i)` is the pixel at offset `i` of a
    /// buffer holding `block` row-major with `stride` elements per row.
    private mutating func keep(_ windows: [Window], of block: Window, stride: Int, _ value: (Int) -> Double) {
        for w in windows {
            let part = w.intersection(block)
            for r in part.row..<part.rowEnd {
                for c in part.col..<part.colEnd {
                    values[r * width + c] = value((r - block.row) * stride + (c - block.col))
                }
            }
        }
    }

    /// The value of a pixel of one of the windows (NaN for any other pixel, which is never asked for).
    func value(col: Int, row: Int) -> Double { values[row * width + col] ?? .nan }

    func isValid(_ v: Double) -> Bool { !v.isNaN && v != nodata }

    /// The value of a pixel when it is inside the raster and valid.
    func validValue(col: Int, row: Int) -> Double? {
        guard col >= 0, row >= 0, col < width, row < height else { return nil }
        let v = value(col: col, row: row)
        return isValid(v) ? v : nil
    }
}
