import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Operations

/// `geotool plot decay CSV -o OUT.png`: log–log TEM decay curves.
struct PlotDecayCommand: ParsableCommand {
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

    @OptionGroup var png: PNGOutputOption

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try png.render(request, inputs: [csv])
    }

    /// The figure these options describe.
    var request: DecayPlotRequest {
        DecayPlotRequest(csv: csv, time: time, soundings: soundings.map(DecayPlotRequest.columns(_:)), ylabel: ylabel,
                         layout: figure.layout)
    }
}
