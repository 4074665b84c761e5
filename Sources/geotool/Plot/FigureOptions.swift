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

/// A one-line error of a plot subcommand.
struct PlotCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description.split(whereSeparator: \.isNewline).joined(separator: " ") }
}

/// Runs a plot subcommand body: errors become one line on stderr and a failing exit status.
func runPlotCommand(_ name: String, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        Console.error("geotool plot \(name): \(error)")
        throw ExitCode.failure
    }
}

/// Writes a figure atomically, naming the output in any error.
func writeFigure(_ figure: Figure, to path: String) throws {
    do { try figure.write(to: path) } catch { throw PlotCommandError("\(error)") }
}
