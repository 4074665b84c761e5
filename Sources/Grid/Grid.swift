/// A row-major 2-D array of pixels with an optional nodata value.
///
/// `Grid` is the currency of every computing module: Raster reads into it, Erosion, Plot and
/// Resample compute on it. Storage is one contiguous `[T]`, index `row * width + col`.
/// A pixel is *valid* when it is not equal to `nodata` and, for floating-point types, not NaN.
public struct Grid<T: Sendable>: Sendable {
    public let width: Int
    public let height: Int
    /// Row-major pixel values, `width * height` of them.
    public var values: [T]
    /// The value that marks missing pixels, if any.
    public var nodata: T?

    /// A grid from row-major values; `values.count` must equal `width * height`.
    public init(width: Int, height: Int, values: [T], nodata: T? = nil) {
        precondition(width >= 0 && height >= 0, "grid size must be non-negative")
        precondition(values.count == width * height,
                     "grid of \(width)×\(height) needs \(width * height) values, got \(values.count)")
        self.width = width
        self.height = height
        self.values = values
        self.nodata = nodata
    }

    /// A grid filled with one value.
    public init(width: Int, height: Int, repeating value: T, nodata: T? = nil) {
        self.init(width: width, height: height,
                  values: [T](repeating: value, count: width * height), nodata: nodata)
    }

    /// A grid whose pixel (col, row) is `f(col, row)`.
    public init(width: Int, height: Int, nodata: T? = nil, _ f: (_ col: Int, _ row: Int) -> T) {
        var v: [T] = []
        v.reserveCapacity(width * height)
        for r in 0..<height { for c in 0..<width { v.append(f(c, r)) } }
        self.init(width: width, height: height, values: v, nodata: nodata)
    }

    public var count: Int { values.count }
    /// The grid's extent as a window at (0, 0).
    public var window: Window { Window(width: width, height: height) }

    /// Linear index of pixel (col, row).
    @inlinable public func index(col: Int, row: Int) -> Int { row * width + col }

    @inlinable public func contains(col: Int, row: Int) -> Bool {
        col >= 0 && row >= 0 && col < width && row < height
    }

    /// Pixel at (col, row), in the same order as every other API: `grid[col: c, row: r]`.
    @inlinable public subscript(col col: Int, row row: Int) -> T {
        get { values[row * width + col] }
        set { values[row * width + col] = newValue }
    }

    /// A copy of the pixels inside `window` (which must lie inside the grid).
    public func slice(_ w: Window) -> Grid<T> {
        precondition(self.window.contains(w), "\(w) is outside the \(width)×\(height) grid")
        var v: [T] = []
        v.reserveCapacity(w.pixelCount)
        for r in w.row..<w.rowEnd {
            let start = r * width + w.col
            v.append(contentsOf: values[start..<(start + w.width)])
        }
        return Grid(width: w.width, height: w.height, values: v, nodata: nodata)
    }

    /// Copies `other` into this grid with its upper-left pixel at (col, row).
    public mutating func paste(_ other: Grid<T>, col: Int, row: Int) {
        precondition(window.contains(Window(col: col, row: row, width: other.width, height: other.height)),
                     "pasted grid does not fit")
        let w = width
        values.withUnsafeMutableBufferPointer { dst in
            other.values.withUnsafeBufferPointer { src in
                for r in 0..<other.height {
                    let d = (row + r) * w + col
                    for c in 0..<other.width { dst[d + c] = src[r * other.width + c] }
                }
            }
        }
    }

    /// A grid of the same size with `f` applied to every pixel (nodata is not treated specially).
    @inlinable
    public func map<U>(nodata newNodata: U? = nil, _ f: (T) throws -> U) rethrows -> Grid<U> {
        let v = try values.withUnsafeBufferPointer { try $0.map(f) }
        return Grid<U>(width: width, height: height, values: v, nodata: newNodata)
    }

    /// Pixel-wise combination of two grids of the same size.
    @inlinable
    public func zip<U, V>(_ other: Grid<U>, nodata newNodata: V? = nil,
                          _ f: (T, U) throws -> V) rethrows -> Grid<V> {
        precondition(width == other.width && height == other.height, "grid sizes differ")
        var out: [V] = []
        out.reserveCapacity(count)
        try values.withUnsafeBufferPointer { a in
            try other.values.withUnsafeBufferPointer { b in
                for i in 0..<a.count { out.append(try f(a[i], b[i])) }
            }
        }
        return Grid<V>(width: width, height: height, values: out, nodata: newNodata)
    }
}

extension Grid: Equatable where T: Equatable {
    /// Equal sizes, nodata and values. (Floating-point NaN pixels never compare equal;
    /// use `isIdentical(to:)` for a bitwise comparison.)
    public static func == (l: Grid, r: Grid) -> Bool {
        l.width == r.width && l.height == r.height && l.nodata == r.nodata && l.values == r.values
    }
}

extension Grid where T: Equatable {
    /// Whether the pixel at linear index `i` is valid (not nodata, not NaN).
    @inlinable public func isValid(at i: Int) -> Bool { isValidValue(values[i]) }

    /// Whether `v` is a valid value for this grid (not nodata, not NaN).
    @inlinable public func isValidValue(_ v: T) -> Bool {
        if v != v { return false }            // NaN
        if let nd = nodata, v == nd { return false }
        return true
    }

    /// The number of valid pixels.
    public var validCount: Int {
        var n = 0
        for v in values where isValidValue(v) { n += 1 }
        return n
    }
}

extension Grid where T: BinaryFloatingPoint {
    /// True when both grids have the same size, nodata and bit patterns (NaN equals NaN).
    public func isIdentical(to other: Grid<T>) -> Bool {
        guard width == other.width, height == other.height else { return false }
        if (nodata == nil) != (other.nodata == nil) { return false }
        if let a = nodata, let b = other.nodata, !(a == b || (a.isNaN && b.isNaN)) { return false }
        for i in 0..<count where !(values[i] == other.values[i] || (values[i].isNaN && other.values[i].isNaN)) {
            return false
        }
        return true
    }
}
