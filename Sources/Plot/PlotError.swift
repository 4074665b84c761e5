/// Errors thrown by the Plot module. Every description is one line, suitable for a CLI message.
public enum PlotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Paired arrays (x/y, observed/predicted) have different lengths.
    case lengthMismatch(what: String, first: Int, second: Int)
    /// The figure size or DPI is out of range.
    case invalidSize(width: Int, height: Int, dpi: Double)
    /// A colormap name that is not one of `Colormap.names`.
    case unknownColormap(String)
    /// A colormap table is missing or malformed.
    case colormapData(name: String, reason: String)
    /// An invalid option value (bins, limits, …).
    case invalidOption(name: String, reason: String)
    /// cairo failed (surface creation, drawing or PNG encoding).
    case cairo(String)
    /// A PNG could not be written or renamed into place.
    case writeFailed(path: String, reason: String)
    /// A PNG could not be read.
    case readFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .lengthMismatch(what, a, b): return "\(what): lengths differ (\(a) vs \(b))"
        case let .invalidSize(w, h, dpi):
            let problem = !Figure.pixelRange.contains(w) ? "width \(w) px" : !Figure.pixelRange.contains(h) ? "height \(h) px"
                : "resolution \(dpi) dpi"
            return "invalid figure \(problem) (width and height must be 16–20000 px, dpi 10–1200)"
        case let .unknownColormap(n): return "unknown colormap '\(n)' (known: \(Colormap.names.joined(separator: ", ")))"
        case let .colormapData(n, r): return "colormap '\(n)': \(r)"
        case let .invalidOption(n, r): return "invalid \(n): \(r)"
        case let .cairo(m): return "cairo: \(m)"
        case let .writeFailed(p, r): return "cannot write \(p): \(r)"
        case let .readFailed(p, r): return "cannot read \(p): \(r)"
        }
    }
}
