import Grid
import GDALShim

/// Whole-block reads and writes in the band's storage type, straight from and to the driver
/// (`GDALReadBlock` / `GDALWriteBlock`; writes are documented at `writeBlock`).
///
/// Unlike windowed reads these bypass GDAL's block cache: the driver decodes the block into the
/// caller's buffer, with no cache allocation (no page faults for fresh cache memory) and no copy
/// out of the cache. Meant for code that reads each block once into a reused buffer. The values are
/// exactly those a windowed read returns (same decoding, no type conversion).
extension Band {
    /// The number of blocks across and down the band.
    public var blockCount: (columns: Int, rows: Int) {
        let b = blockSize
        return ((width + b.width - 1) / b.width, (height + b.height - 1) / b.height)
    }

    /// The pixels block (`column`, `row`) covers (clipped at the right and bottom edges).
    public func blockWindow(column: Int, row: Int) -> Window {
        let b = blockSize
        return Window(col: column * b.width, row: row * b.height, width: b.width, height: b.height)
            .intersection(window)
    }

    /// Reads block (`column`, `row`) into `buffer`, row-major with a row stride of the full block
    /// width (`blockSize.width`); the buffer must hold `blockSize.width × blockSize.height`
    /// elements. Edge blocks are padded to the full block size (the padding holds whatever the
    /// driver puts there; use `blockWindow` for the valid part). `T` must be the band's storage
    /// type (`T.rasterDataType == dataType`), otherwise this throws.
    public func readBlock<T: RasterScalar>(column: Int, row: Int, into buffer: UnsafeMutableBufferPointer<T>) throws {
        try checkBlockAccess(column: column, row: row, buffer: buffer, verb: "read")
        GDALRuntime.resetError()
        guard GDALReadBlock(handle, Int32(column), Int32(row), buffer.baseAddress) == CE_None else {
            throw RasterError(.readFailed, path: path,
                              "cannot read block (\(column), \(row)) of band \(index): \(GDALRuntime.lastErrorMessage(or: "I/O error"))")
        }
    }
}

extension Band {
    /// Writes block (`column`, `row`) from `buffer` (row-major, `blockSize.width × blockSize.height`
    /// elements, edge blocks padded) straight to the driver (`GDALWriteBlock`): no block cache, so
    /// no cache memory to fault in and no copy into it. `T` must be the band's storage type.
    public func writeBlock<T: RasterScalar>(column: Int, row: Int, from buffer: UnsafeMutableBufferPointer<T>) throws {
        try checkBlockAccess(column: column, row: row, buffer: buffer, verb: "write")
        GDALRuntime.resetError()
        guard GDALWriteBlock(handle, Int32(column), Int32(row), buffer.baseAddress) == CE_None else {
            throw RasterError(.writeFailed, path: path,
                              "cannot write block (\(column), \(row)) of band \(index): \(GDALRuntime.lastErrorMessage(or: "I/O error"))")
        }
    }
}

extension Band {
    /// What a whole-block read or write needs: `T` is the band's storage type (a block access does
    /// not convert), the block exists, and `buffer` holds a full block.
    private func checkBlockAccess<T: RasterScalar>(column: Int, row: Int, buffer: UnsafeMutableBufferPointer<T>,
                                                   verb: String) throws {
        guard dataType == T.rasterDataType else {
            throw RasterError(.invalidArgument, path: path,
                              "band \(index) stores \(gdalTypeName), not \(T.rasterDataType.gdalName): a block \(verb) does not convert")
        }
        let b = blockSize, n = blockCount
        guard column >= 0, row >= 0, column < n.columns, row < n.rows else {
            throw RasterError(.invalidArgument, path: path, "block (\(column), \(row)) is outside band \(index) (\(n.columns)×\(n.rows) blocks)")
        }
        precondition(buffer.count >= b.width * b.height, "buffer too small for a \(b.width)×\(b.height) block")
    }
}
