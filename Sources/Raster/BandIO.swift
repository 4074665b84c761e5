import GDALShim
import GeoSupport
import Grid

/// Typed windowed reads and writes. GDAL converts when the requested type differs from the
/// band's storage type (rounding and clamping to the target range, as `GDALRasterIO` does).
extension Band {
    /// Reads `window` (default: the whole band) into a grid of `T`. The grid's nodata is the
    /// band's nodata when it is exactly representable in `T`.
    /// The window's size (from the file's header, which a hostile file can make anything) must fit the
    /// `MemoryBudget` before the grid is allocated.
    public func read<T: RasterScalar>(_ type: T.Type = T.self, window: Window? = nil) throws -> Grid<T> {
        let w = try checked(window ?? self.window)
        do {
            _ = try CheckedSize.grid(width: w.width, height: w.height, bytesPerCell: MemoryLayout<T>.stride,
                                     field: "band \(index)", subject: "reading it whole", unit: "pixels")
        } catch {
            throw RasterError(.readFailed, path: path, "\(error)")
        }
        var values = [T](unsafeUninitializedCapacity: w.pixelCount) { buf, count in
            count = w.pixelCount
        }
        try values.withUnsafeMutableBufferPointer { try read(into: $0, window: w) }
        return Grid(width: w.width, height: w.height, values: values, nodata: nodata(as: T.self))
    }

    /// Reads `window` into `buffer` (row-major, `window.pixelCount` elements).
    public func read<T: RasterScalar>(into buffer: UnsafeMutableBufferPointer<T>, window: Window) throws {
        let w = try checked(window)
        precondition(buffer.count >= w.pixelCount, "buffer too small for \(w)")
        if T.rasterDataType == .int8 && !isSignedByte {
            // Int8 has no GDAL 3.6 type: read as Int16 and clamp.
            var wide = [Int16](repeating: 0, count: w.pixelCount)
            try wide.withUnsafeMutableBufferPointer { try rasterIO(GF_Read, $0.baseAddress!, .int16, w) }
            for i in 0..<w.pixelCount {
                buffer[i] = T(exactValue: Double(Swift.max(-128, Swift.min(127, wide[i]))))!
            }
        } else if isSignedByte && T.rasterDataType != .int8 {
            // GDAL sees signed bytes as unsigned: read them raw and convert ourselves.
            var raw = [Int8](repeating: 0, count: w.pixelCount)
            try raw.withUnsafeMutableBufferPointer { try rasterIO(GF_Read, $0.baseAddress!, .int8, w) }
            for i in 0..<w.pixelCount { buffer[i] = T(exactValue: Double(raw[i])) ?? T(exactValue: 0)! }
        } else {
            try rasterIO(GF_Read, buffer.baseAddress!, T.rasterDataType, w)
        }
    }

    /// Reads `window` as physical values: raw · scale + offset, nodata and NaN → NaN.
    public func readPhysical(window: Window? = nil) throws -> Grid<Double> {
        var g = try read(Double.self, window: window)
        let nd = nodata, s = scale, o = offset
        g.values.withUnsafeMutableBufferPointer { v in
            for i in 0..<v.count {
                let x = v[i]
                v[i] = (x.isNaN || x == nd) ? .nan : x * s + o
            }
        }
        g.nodata = nil
        return g
    }

    /// Writes a grid with its upper-left pixel at (`col`, `row`).
    public func write<T: RasterScalar>(_ grid: Grid<T>, col: Int = 0, row: Int = 0) throws {
        let w = try checked(Window(col: col, row: row, width: grid.width, height: grid.height))
        try grid.values.withUnsafeBufferPointer { try write($0, window: w) }
    }

    /// Writes `buffer` (row-major, `window.pixelCount` elements) into `window`.
    public func write<T: RasterScalar>(_ buffer: UnsafeBufferPointer<T>, window: Window) throws {
        let w = try checked(window)
        precondition(buffer.count >= w.pixelCount, "buffer too small for \(w)")
        if T.rasterDataType == .int8 && !isSignedByte {
            var wide = (0..<w.pixelCount).map { Int16(truncatingIfNeeded: Int(buffer[$0].doubleValue)) }
            try wide.withUnsafeMutableBufferPointer { try rasterIO(GF_Write, $0.baseAddress!, .int16, w) }
        } else {
            try rasterIO(GF_Write, UnsafeMutableRawPointer(mutating: buffer.baseAddress!), T.rasterDataType, w)
        }
    }

    func checked(_ w: Window) throws -> Window {
        guard !w.isEmpty, self.window.contains(w) else {
            throw RasterError(.invalidArgument, path: path,
                              "\(w) is outside band \(index) (\(width)×\(height))")
        }
        return w
    }

    private func rasterIO(_ direction: GDALRWFlag, _ buffer: UnsafeMutableRawPointer,
                          _ type: RasterDataType, _ w: Window) throws {
        var extra = GDALRasterIOExtraArg()
        geotool_init_rasterio_extra_arg(&extra)
        GDALRuntime.resetError()
        let err = GDALRasterIOEx(handle, direction, Int32(w.col), Int32(w.row), Int32(w.width), Int32(w.height),
                                 buffer, Int32(w.width), Int32(w.height), type.gdal, 0, 0, &extra)
        guard err == CE_None else {
            let verb = direction == GF_Read ? "read" : "write"
            throw RasterError(direction == GF_Read ? .readFailed : .writeFailed, path: path,
                              "cannot \(verb) band \(index) \(w): \(GDALRuntime.lastErrorMessage(or: "I/O error"))")
        }
    }
}
