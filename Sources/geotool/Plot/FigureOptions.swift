import ArgumentParser
import Plot
import Operations

/// Size, resolution and title options shared by the plot subcommands.
struct FigureOptions: ParsableArguments {
    @Option(help: "Image width in pixels.")
    var width: Int = 800

    @Option(help: "Image height in pixels.")
    var height: Int = 600

    @Option(help: "Dots per inch: text and line sizes are in points, so a larger dpi gives larger text at the same pixel size.")
    var dpi: Double = 100

    @Option(help: "Figure title (default: derived from the input).")
    var title: String?

    /// The layout these options describe.
    var layout: FigureLayout { FigureLayout(width: width, height: height, dpi: dpi, title: title) }

    /// A one-panel figure of this size; the panel's title is `title` or `fallbackTitle`.
    func figure(_ panel: Panel, fallbackTitle: String?) -> Figure {
        layout.figure(panel, fallbackTitle: fallbackTitle)
    }
}
