import GDALShim

/// Process-wide GDAL settings.
public enum GDALConfiguration {
    /// Limits GDAL's block cache (default: 5 % of RAM), e.g. for streaming jobs that read each
    /// block once and should keep a small memory footprint.
    public static func setCacheMaxMegabytes(_ megabytes: Int) {
        GDALRuntime.ensureInitialized()
        GDALSetCacheMax64(Int64(megabytes) * 1024 * 1024)
    }

    /// Sets a GDAL configuration option for the whole process.
    public static func set(_ key: String, _ value: String?) {
        GDALRuntime.ensureInitialized()
        CPLSetConfigOption(key, value)
    }
}
