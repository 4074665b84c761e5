/// geotool's compression defaults for floating-point outputs (`resample`, `reproject`).
///
/// Floating-point rasters under DEFLATE/LZW/ZSTD/LZMA get the floating-point predictor, and DEFLATE
/// gets level 1, unless the caller chose a predictor (or a level). Lossless either way: pixel
/// values are unchanged, only the file size and the time to write it differ. Measured on the
/// resample benchmark's 2048² Float64 sums (32 MiB raw): DEFLATE 6 17.8 MB in 1.6 s of CPU,
/// + predictor 13.9 MB in 0.8 s, + level 1 14.2 MB in 0.4 s; on a reprojected 1939×1342 Float32
/// tile: DEFLATE 6 6.8 MB, predictor + level 1 5.4 MB, in less CPU time (docs/PERFORMANCE.md).
public enum FastCompression {
    /// Codecs an output may take over from its input: lossless ones GDAL's GTiff and COG drivers write.
    static let losslessCodecs: Set<String> = ["DEFLATE", "LZW", "ZSTD", "LZMA", "PACKBITS"]

    /// `options` completed with the compression of the raster they derive from, when they name none:
    /// a GeoTIFF stored uncompressed (for speed) gives an uncompressed output, one stored with a
    /// lossless codec gives that codec; any other input (lossy codecs, other formats) gives DEFLATE.
    static func inheritingCompression(_ options: [String: String], from input: Dataset) -> [String: String] {
        guard options["COMPRESS"] == nil else { return options }
        var result = options
        if let codec = input.compression?.uppercased() {
            result["COMPRESS"] = losslessCodecs.contains(codec) ? codec : "DEFLATE"
        } else {
            result["COMPRESS"] = input.driverName == "GTiff" ? "NONE" : "DEFLATE"
        }
        return result
    }

    /// `options` (the caller's, not yet merged over `format`'s defaults) completed for an output of
    /// `dataType` derived from `input`: first the input's compression when `options` name none
    /// (`inheritingCompression`; without an input, `format`'s default applies), then the predictor and
    /// level above. Integer outputs and explicit choices are left alone.
    public static func options(_ options: [String: String], format: OutputFormat,
                               dataType: RasterDataType?, inheritingFrom input: Dataset? = nil) -> [String: String] {
        var result = input.map { inheritingCompression(options, from: $0) } ?? options
        guard let dataType, dataType.isFloatingPoint, result["PREDICTOR"] == nil else { return result }
        let compression = (result["COMPRESS"] ?? format.defaultCreationOptions["COMPRESS"] ?? "NONE").uppercased()
        guard ["DEFLATE", "LZW", "ZSTD", "LZMA"].contains(compression) else { return result }
        result["PREDICTOR"] = format == .cog ? "FLOATING_POINT" : "3"
        // With the predictor, DEFLATE level 1 is within ~2 % of level 6 in size (and still ~20 %
        // smaller than level 6 without it) at half the CPU time. ZLEVEL (GTiff) / LEVEL (COG) win.
        let levelKey = format == .cog ? "LEVEL" : "ZLEVEL"
        if compression == "DEFLATE", result[levelKey] == nil { result[levelKey] = "1" }
        return result
    }
}
