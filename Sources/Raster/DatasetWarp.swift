import GDALShim

extension Dataset {
    /// Runs GDAL's warper (`GDALWarp`, the engine of the `gdalwarp` tool) on `source` with
    /// gdalwarp-style `arguments`, writing `destination`. Identical output to `gdalwarp` given the
    /// same arguments. The result is closed (flushed) before returning.
    public static func warp(_ source: Dataset, to destination: String, arguments: [String]) throws {
        let src = try source.validHandle()
        GDALRuntime.resetError()
        let options = withCStringList(arguments) { GDALWarpAppOptionsNew($0, nil) }
        guard let options else {
            throw RasterError(.invalidArgument, path: destination,
                              "bad warp options: \(GDALRuntime.lastErrorMessage(or: arguments.joined(separator: " ")))")
        }
        defer { GDALWarpAppOptionsFree(options) }
        var sources: [GDALDatasetH?] = [src]
        var usageError: Int32 = 0
        let out = GDALWarp(destination, nil, 1, &sources, options, &usageError)
        guard let out else {
            throw RasterError(.writeFailed, path: destination,
                              "warp failed: \(GDALRuntime.lastErrorMessage(or: "GDALWarp returned no dataset"))")
        }
        GDALRuntime.resetError()
        GDALClose(out)
        if GDALRuntime.lastCallFailed {
            throw RasterError(.writeFailed, path: destination, GDALRuntime.lastErrorMessage(or: "error while closing"))
        }
    }
}
