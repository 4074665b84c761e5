import GDALShim

extension Dataset {
    /// Runs GDAL's warper (`GDALWarp`, the engine of the `gdalwarp` tool) on `source` with
    /// gdalwarp-style `arguments`, writing `destination`. Identical output to `gdalwarp` given the
    /// same arguments. The result is closed (flushed) before returning.
    /// A creation option (`-co`) the driver ignores is an error, as for `Dataset.create`.
    public static func warp(_ source: Dataset, to destination: String, arguments: [String]) throws {
        let (out, ignored) = try GDALWarnings.ignoredOption { try runWarp(source, to: destination, arguments: arguments) }
        if let ignored {
            GDALClose(out)
            throw RasterError.rejectedOption(path: destination, ignored)
        }
        GDALRuntime.resetError()
        GDALClose(out)
        if GDALRuntime.lastCallFailed {
            throw RasterError(.writeFailed, path: destination, GDALRuntime.lastErrorMessage(or: "error while closing"))
        }
    }

    /// The dataset `gdalwarp` would create for `source` with gdalwarp-style `arguments` (`-of` and
    /// `-co` are replaced: the result is an in-memory warped VRT), without computing a pixel: its
    /// size, geotransform, CRS, nodata and copied metadata are exactly those of gdalwarp's output.
    public static func warpedGrid(_ source: Dataset, arguments: [String]) throws -> Dataset {
        var args: [String] = []
        var i = 0
        while i < arguments.count {
            if ["-of", "-co"].contains(arguments[i]) { i += 2; continue }
            args.append(arguments[i]); i += 1
        }
        let out = try runWarp(source, to: "", arguments: args + ["-of", "VRT"])
        return Dataset(handle: out, path: source.path)
    }

    private static func runWarp(_ source: Dataset, to destination: String, arguments: [String]) throws -> GDALDatasetH {
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
        return out
    }
}
