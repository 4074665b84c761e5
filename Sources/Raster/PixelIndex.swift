/// A pixel position (0-based column and row).
public struct PixelIndex: Hashable, Sendable {
    public var col: Int
    public var row: Int
    public init(col: Int, row: Int) {
        self.col = col
        self.row = row
    }
}
