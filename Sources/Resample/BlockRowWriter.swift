import Raster

/// Writes one block row of Float64 output at a time with `Band.writeBlock`: each block is copied
/// out of the row-major rows into one reused block buffer (edge blocks padded with 0).
final class BlockRowWriter {
    private let band: Band
    private let buffer: UnsafeMutableBufferPointer<Double>

    init(band: Band) {
        self.band = band
        let b = band.blockSize
        buffer = .allocate(capacity: b.width * b.height)
        buffer.initialize(repeating: 0)
    }

    func close() { buffer.deallocate() }

    /// `rows`: `rowCount` full-width rows starting at the top of block row `blockRow`.
    func write(_ rows: UnsafeBufferPointer<Double>, blockRow: Int, rowCount: Int) throws {
        let b = band.blockSize, width = band.width
        for column in 0..<band.blockCount.columns {
            let x0 = column * b.width, w = min(b.width, width - x0)
            if w < b.width || rowCount < b.height { buffer.update(repeating: 0) }
            for y in 0..<rowCount {
                _ = UnsafeMutableBufferPointer(rebasing: buffer[(y * b.width)..<(y * b.width + w)])
                    .update(fromContentsOf: rows[(y * width + x0)..<(y * width + x0 + w)])
            }
            try band.writeBlock(column: column, row: blockRow, from: buffer)
        }
    }
}
