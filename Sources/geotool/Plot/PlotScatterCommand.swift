import ArgumentParser
import Foundation
import Plot

/// `geotool plot scatter CSV --x OBS --y PRED -o OUT.png`: predicted vs observed with metrics.
struct PlotScatterCommand: PlotRendering {
    static let configuration = CommandConfiguration(
        commandName: "scatter",
        abstract: "Predicted (y) against observed (x) with the 1:1 line, a least-squares line, and N/RMSE/bias/R².",
        discussion: """
        R² is the coefficient of determination 1 − SSres/SStot of the predictions against the observations \
        (agreement with the 1:1 line; can be negative), not the squared Pearson r. Rows where either value is \
        empty or NaN are skipped. The metrics are also printed on stdout as one line.
        """)

    @Argument(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Column of observed values (x axis).")
    var x: String

    @Option(help: "Column of predicted values (y axis).")
    var y: String

    @Option(name: .shortAndLong, help: "Output PNG.")
    var output: String

    @Flag(help: "Do not draw the least-squares line.")
    var noFit = false

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try runPlotCommand("scatter") { try render() }
    }

    /// Draws the figure and writes it to `output`; errors are thrown, not printed (the `plot` batch job
    /// kind runs this).
    func render() throws {
        let table = try CSVTable(path: csv)
        let obs = try table.numbers(x), pred = try table.numbers(y)
        let metrics = try Metrics(observed: obs, predicted: pred)
        let panel = try Panel.scatter(observed: obs, predicted: pred,
                                      options: ScatterOptions(xLabel: x, yLabel: y, fitLine: !noFit))
        try writeFigure(figure.figure(panel, fallbackTitle: "\(y) vs \(x)"), to: output)
        print(PlotSummary.metricsLine(metrics))
    }
}

/// Text forms of metrics for stdout and summary files.
enum PlotSummary {
    static func metricsLine(_ m: Metrics) -> String {
        "n=\(m.count) rmse=\(format(m.rmse)) bias=\(format(m.bias)) r2=\(format(m.r2))"
    }

    /// A number for CSV output: shortest round-trip form, empty for NaN.
    static func format(_ v: Double) -> String { v.isFinite ? "\(v)" : "" }
}
