import GDALShim

/// GDAL warnings raised on this thread while creating or copying a dataset, so that requests GDAL
/// silently ignores (`-co COMPRESS=BOGUS`: "unexpected value … ignoring"; unknown creation options:
/// "driver GTiff does not support creation option FOO") fail instead of giving a file that is not
/// what was asked for.
///
/// GDAL reports bad creation options only as warnings (CE_Warning with CPLE_IllegalArg or
/// CPLE_NotSupported, or naming a "creation option"); all of them are rejected except range advice
/// the driver still applies. `ignoredOption` pushes a handler on this thread's GDAL error-handler stack for
/// the duration of `body` (GDAL's error state is per thread) and records those warnings. GDAL's
/// per-thread last-error state is kept, so failures are read as before. `Dataset.create`,
/// `createCopy` and `warp` — every way geotool makes a raster — run through it.
enum GDALWarnings {
    /// Runs `body` and returns its result with the first warning GDAL raised meanwhile on this thread
    /// about a requested option or value it did not honour (nil when none). The caller closes what
    /// `body` created and throws (see `RasterError.rejectedOption`).
    static func ignoredOption<R>(_ body: () throws -> R) rethrows -> (result: R, ignored: String?) {
        let log = Log()
        let box = Unmanaged.passRetained(log)
        CPLPushErrorHandlerEx(handler, box.toOpaque())
        defer {
            CPLPopErrorHandler()
            box.release()
        }
        let result = try body()
        return (result, log.rejected.first)
    }

    /// Warnings recorded by the handler (one thread: the handler runs on the thread that pushed it).
    private final class Log {
        var rejected: [String] = []
    }

    private static let handler: CPLErrorHandler = { level, code, message in
        // Keep geotool's verbose mode (GEOTOOL_GDAL_VERBOSE=1) printing every message.
        geotool_error_handler(level, code, message)
        guard level == CE_Warning, let message, let data = CPLGetErrorHandlerUserData() else { return }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        let aboutOptions = code == CPLE_IllegalArg || code == CPLE_NotSupported
            || text.localizedCaseInsensitiveContains("creation option")
        // A value outside the range the driver advertises ("'64' is an unexpected value for BLOCKSIZE
        // creation option that should be >= 128") is only advice: the driver applies it (COG writes
        // 64-pixel blocks), so it is not a request ignored.
        let rangeAdvice = text.contains("that should be >=") || text.contains("that should be <=")
        guard aboutOptions, !rangeAdvice else { return }
        Unmanaged<Log>.fromOpaque(data).takeUnretainedValue().rejected.append(text)
    }
}
