import ArgumentParser
import Foundation
import Plot

/// `geotool plot decay CSV -o OUT.png`: log–log TEM decay curves.
struct PlotDecayCommand: PlotRendering {
    static let configuration = CommandConfiguration(
        commandName: "decay",
        abstract: "Log–log decay curves (e.g. TEM dBz/dt against time), one per sounding.",
        discussion: """
        Input is wide: a time column (default time_s, seconds) and one column per sounding; the column \
        names are the legend entries. Values ≤ 0, empty or NaN are not drawn (a log axis cannot show them).
        """)

    @Argument(help: "CSV file: time_s,<sounding 1>,<sounding 2>,…")
    var csv: String

    @Option(help: "Time column (seconds).")
    var time: String = "time_s"

    @Option(help: "Sounding columns to draw (comma-separated; default: every column but the time).")
    var soundings: String?

    @Option(help: "y-axis label.")
    var ylabel: String = "dBz/dt (T/s per A)"

    @Option(name: .shortAndLong, help: "Output PNG.")
    var output: String

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try runPlotCommand("decay") { try render() }
    }

    /// Draws the figure and writes it to `output`; errors are thrown, not printed (the `plot` batch job
    /// kind runs this).
    func render() throws {
        let table = try CSVTable(path: csv)
        let t = try table.numbers(time)
        let timeIndex = try table.column(named: time)
        let names = soundings.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
            ?? table.header.enumerated().filter { $0.offset != timeIndex }.map(\.element)
        guard !names.isEmpty else { throw PlotCommandError("\(csv): no sounding columns besides '\(time)'") }
        let series = try names.map { try Series(label: $0, x: t, y: try table.numbers($0)) }
        let panel = Panel.decay(series, options: LineOptions(xLabel: "Time (s)", yLabel: ylabel, style: .lineAndMarkers))
        try writeFigure(figure.figure(panel, fallbackTitle: URL(fileURLWithPath: csv).lastPathComponent), to: output)
    }
}
