import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Operations

/// `geotool plot hist CSV|RASTER [--column COL] [--bins N|auto] -o OUT.png`.
struct PlotHistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hist",
        abstract: "Histogram of a CSV column or of a raster band's valid pixels.",
        discussion: "--bins auto uses the Freedman–Diaconis rule (bin width 2·IQR·n^(−1/3)).")

    @Argument(help: "A .csv file (needs --column) or a raster.")
    var input: String

    @Option(help: "CSV column.")
    var column: String?

    @Option(help: "Raster band (1-based).")
    var band: Int = 1

    @Option(help: "Number of bins, or 'auto'.")
    var bins: String = "auto"

    @OptionGroup var png: PNGOutputOption

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try png.render(try request(), inputs: [input])
    }

    /// The figure these options describe.
    func request() throws -> HistPlotRequest {
        let count: Int?
        do { count = try HistPlotRequest.bins(parsing: bins) } catch { throw CLIError("--bins: \(error)") }
        return HistPlotRequest(input: input, column: column, band: band, bins: count, layout: figure.layout)
    }
}
