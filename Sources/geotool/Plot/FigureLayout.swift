import Plot

/// A figure's size, resolution and title, as data (the `--width --height --dpi --title` options of every
/// plot subcommand, and the same parameters of the `plot` job kind).
struct FigureLayout: Sendable, Equatable {
    var width = 800
    var height = 600
    var dpi = 100.0
    /// nil: derived from the input.
    var title: String?

    /// A one-panel figure of this layout; the panel's title is `title` or `fallbackTitle`.
    func figure(_ panel: Panel, fallbackTitle: String?) -> Figure {
        var p = panel
        p.title = title ?? fallbackTitle
        return Figure(p, width: width, height: height, dpi: dpi)
    }
}
