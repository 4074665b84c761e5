import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Operations

/// `geotool plot series CSV --x date --y COL [--by COL] -o OUT.png`: time series on a date axis.
struct PlotSeriesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "series",
        abstract: "Time series: one line per value of --by (or one line), dates on the x axis (UTC).",
        discussion: "Dates: YYYY-MM-DD, YYYY-MM-DDTHH:MM[:SS][Z] or seconds since 1970. Empty/NaN values leave gaps.")

    @Argument(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Date column.")
    var x: String = "date"

    @Option(help: "Value column.")
    var y: String

    @Option(help: "Column whose values split the rows into series (legend entries).")
    var by: String?

    @OptionGroup var png: PNGOutputOption

    @Flag(help: "Draw markers as well as lines.")
    var markers = false

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try png.render(request, inputs: [csv])
    }

    /// The figure these options describe.
    var request: SeriesPlotRequest {
        SeriesPlotRequest(csv: csv, x: x, y: y, by: by, markers: markers, layout: figure.layout)
    }
}
