import Grid

/// One-call reading and writing of whole single-band rasters, for modules that compute on
/// `Grid`s (Erosion, Plot) and for tests.
public enum RasterFile {
    /// Reads band `band` of `path` as `T`, with its georeference.
    public static func read<T: RasterScalar>(_ path: String, band: Int = 1, as type: T.Type = T.self,
                                             window: Window? = nil) throws -> (grid: Grid<T>, georeference: Georeference) {
        let ds = try Dataset.open(path)
        let g = try ds.band(band).read(T.self, window: window)
        var georef = ds.georeference
        if let w = window, let gt = georef.geoTransform { georef.geoTransform = gt.shifted(to: w) }
        return (g, georef)
    }

    /// Writes grids as the bands of a new raster, atomically. Each grid's nodata becomes its
    /// band's nodata; `metadata` goes to the dataset's default domain (e.g. provenance).
    public static func write<T: RasterScalar>(_ grids: [Grid<T>], to path: String, georeference: Georeference,
                                              format: OutputFormat = .gtiff,
                                              creationOptions: [String: String] = [:],
                                              metadata: [String: String] = [:],
                                              bandDescriptions: [String] = []) throws {
        guard let first = grids.first else {
            throw RasterError(.invalidArgument, path: path, "nothing to write (no bands)")
        }
        guard grids.allSatisfy({ $0.width == first.width && $0.height == first.height }) else {
            throw RasterError(.invalidArgument, path: path, "bands differ in size")
        }
        let out = try RasterOutput(path: path, format: format, width: first.width, height: first.height,
                                   bandCount: grids.count, dataType: T.rasterDataType,
                                   georeference: georeference, creationOptions: creationOptions)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            try out.dataset.setMetadataItem(key, value)
        }
        for (i, g) in grids.enumerated() {
            let band = try out.dataset.band(i + 1)
            if let nd = g.nodata { try band.setNodata(nd.doubleValue) }
            if i < bandDescriptions.count { band.setDescription(bandDescriptions[i]) }
            try band.write(g)
        }
        try out.commit()
    }

    /// Writes one grid as a single-band raster, atomically.
    public static func write<T: RasterScalar>(_ grid: Grid<T>, to path: String, georeference: Georeference,
                                              format: OutputFormat = .gtiff,
                                              creationOptions: [String: String] = [:],
                                              metadata: [String: String] = [:]) throws {
        try write([grid], to: path, georeference: georeference, format: format,
                  creationOptions: creationOptions, metadata: metadata)
    }
}
