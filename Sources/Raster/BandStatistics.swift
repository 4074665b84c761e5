import Grid

extension Band {
    /// Exact statistics of the valid pixels (nodata and NaN excluded, scale/offset *not*
    /// applied), computed block by block in bounded memory. `progress` receives the fraction done.
    public func statistics(progress: ((Double) -> Void)? = nil) throws -> PixelStatistics {
        var stats = PixelStatistics()
        let nd = nodata
        let strips = window.blocks(blockWidth: width, blockHeight: Swift.max(1, blockSize.height))
        for (i, strip) in strips.enumerated() {
            let g = try read(Double.self, window: strip)
            for v in g.values {
                if let nd, v == nd { stats.addInvalid() } else { stats.add(v) }
            }
            progress?(Double(i + 1) / Double(strips.count))
        }
        return stats
    }
}
