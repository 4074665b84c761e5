import Foundation

/// Which encoder writes PNGs: geotool's own (`PNGEncoder`: Up filter, fast zlib level — the default) or
/// cairo's `cairo_surface_write_to_png` (smaller files, slower). Process-wide; the `geotool` CLI sets it from
/// `GEOTOOL_PLOT_CAIRO_PNG=1` when it starts (libraries never read the environment).
public enum PNGWriter: Sendable {
    case geotool
    case cairo

    /// The encoder in use.
    public static var current: PNGWriter {
        get { shared.lock.withLock { shared.writer } }
        set { shared.lock.withLock { shared.writer = newValue } }
    }

    /// The name of the environment variable the CLI reads.
    public static let environmentVariable = "GEOTOOL_PLOT_CAIRO_PNG"

    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var writer = PNGWriter.geotool
    }

    private static let shared = Shared()
}
