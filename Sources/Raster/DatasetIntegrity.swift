import Grid

extension Dataset {
    /// Reads the first and last block of every band, so a truncated or corrupt file fails now
    /// with a clear error rather than halfway through a job. Cheap: at most two blocks per band.
    public func verifyReadable() throws {
        for band in try bands() {
            let blocks = band.blockWindows()
            for w in Set([blocks.first, blocks.last].compactMap { $0 }) {
                do {
                    _ = try band.read(Double.self, window: w)
                } catch let e as RasterError {
                    throw RasterError(.readFailed, path: path, "unreadable (truncated or corrupt?): \(e.message)")
                }
            }
        }
    }
}
