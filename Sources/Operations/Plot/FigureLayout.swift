import Plot

/// A figure's size, resolution and title, as data (the `--width --height --dpi --title` options of every
/// plot subcommand, and the same parameters of the `plot` job kind).
public struct FigureLayout: Sendable, Equatable {
    /// Image width in pixels.
    public var width = 800
    /// Image height in pixels.
    public var height = 600
    /// Dots per inch (text and line sizes are in points).
    public var dpi = 100.0
    /// nil: derived from the input.
    public var title: String?

    /// A layout of `width` × `height` pixels at `dpi`, titled `title` (nil: derived from the input).
    public init(width: Int = 800, height: Int = 600, dpi: Double = 100, title: String? = nil) {
        self.width = width
        self.height = height
        self.dpi = dpi
        self.title = title
    }

    /// A one-panel figure of this layout; the panel's title is `title` or `fallbackTitle`.
    public func figure(_ panel: Panel, fallbackTitle: String?) -> Figure {
        var p = panel
        p.title = title ?? fallbackTitle
        return Figure(p, width: width, height: height, dpi: dpi)
    }

    /// Draws `panel` as a figure of this layout (see `figure`) to the PNG `path`, written atomically; errors
    /// are one line naming the file.
    public func write(_ panel: Panel, fallbackTitle: String?, to path: String) throws {
        do { try figure(panel, fallbackTitle: fallbackTitle).write(to: path) } catch { throw OperationError("\(error)") }
    }
}
