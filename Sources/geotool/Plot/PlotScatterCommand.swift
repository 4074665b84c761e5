import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Operations

/// `geotool plot scatter CSV --x OBS --y PRED -o OUT.png`: predicted vs observed with metrics.
struct PlotScatterCommand: ParsableCommand {
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

    @OptionGroup var png: PNGOutputOption

    @Flag(help: "Do not draw the least-squares line.")
    var noFit = false

    @OptionGroup var figure: FigureOptions

    func run() throws {
        print(PlotSummary.metricsLine(try png.render(request, inputs: [csv])))
    }

    /// The figure these options describe.
    var request: ScatterPlotRequest {
        ScatterPlotRequest(csv: csv, x: x, y: y, fitLine: !noFit, layout: figure.layout)
    }
}
