/// A rectangle of pixels: `col`/`row` of the upper-left pixel, and a size in pixels.
///
/// Windows are half-open: a window covers columns `col ..< col + width` and rows
/// `row ..< row + height`. An empty window has zero width or height.
public struct Window: Hashable, Sendable, CustomStringConvertible {
    public var col: Int
    public var row: Int
    public var width: Int
    public var height: Int

    public init(col: Int, row: Int, width: Int, height: Int) {
        self.col = col
        self.row = row
        self.width = width
        self.height = height
    }

    /// The whole raster of the given size.
    public init(width: Int, height: Int) {
        self.init(col: 0, row: 0, width: width, height: height)
    }

    public var colEnd: Int { col + width }
    public var rowEnd: Int { row + height }
    public var pixelCount: Int { width * height }
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The overlap of two windows (empty, with zero size, when they do not overlap).
    public func intersection(_ other: Window) -> Window {
        let c0 = max(col, other.col), r0 = max(row, other.row)
        let c1 = min(colEnd, other.colEnd), r1 = min(rowEnd, other.rowEnd)
        return Window(col: c0, row: r0, width: max(0, c1 - c0), height: max(0, r1 - r0))
    }

    /// This window clamped to a raster of `width` × `height` pixels.
    public func clamped(width: Int, height: Int) -> Window {
        intersection(Window(width: width, height: height))
    }

    /// Whether pixel (`col`, `row`) lies inside this window.
    public func contains(col c: Int, row r: Int) -> Bool {
        c >= col && c < colEnd && r >= row && r < rowEnd
    }

    /// Whether `other` lies entirely inside this window.
    public func contains(_ other: Window) -> Bool {
        other.col >= col && other.row >= row && other.colEnd <= colEnd && other.rowEnd <= rowEnd
    }

    /// This window's pixels tiled by blocks of `blockWidth` × `blockHeight` aligned to the
    /// raster origin (as GDAL blocks are), clipped to the window, in row-major (file) order.
    public func blocks(blockWidth: Int, blockHeight: Int) -> [Window] {
        precondition(blockWidth > 0 && blockHeight > 0, "block size must be positive")
        guard !isEmpty else { return [] }
        var result: [Window] = []
        let firstBlockRow = row / blockHeight, lastBlockRow = (rowEnd - 1) / blockHeight
        let firstBlockCol = col / blockWidth, lastBlockCol = (colEnd - 1) / blockWidth
        result.reserveCapacity((lastBlockRow - firstBlockRow + 1) * (lastBlockCol - firstBlockCol + 1))
        for br in firstBlockRow...lastBlockRow {
            for bc in firstBlockCol...lastBlockCol {
                let block = Window(col: bc * blockWidth, row: br * blockHeight,
                                   width: blockWidth, height: blockHeight)
                result.append(block.intersection(self))
            }
        }
        return result
    }

    public var description: String { "Window(col: \(col), row: \(row), \(width)×\(height))" }
}
