import ArgumentParser
import Foundation
import Grid
import Plot
import Raster

/// `geotool plot hist CSV|RASTER [--column COL] [--bins N|auto] -o OUT.png`.
struct PlotHistCommand: PlotRendering {
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

    @Option(name: .shortAndLong, help: "Output PNG.")
    var output: String

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try runPlotCommand("hist") { try render() }
    }

    /// Draws the figure and writes it to `output`; errors are thrown, not printed (the `plot` batch job
    /// kind runs this).
    func render() throws {
        let binning: Histogram.Binning
        if bins.lowercased() == "auto" { binning = .auto } else {
            guard let n = Int(bins), n >= 1 else { throw PlotCommandError("--bins: '\(bins)' is not a positive integer or 'auto'") }
            binning = .count(n)
        }
        let values: [Double]
        let name: String
        if input.lowercased().hasSuffix(".csv") {
            guard let column else { throw PlotCommandError("\(input): --column is required for a CSV input") }
            values = try CSVTable(path: input).numbers(column)
            name = column
        } else {
            let grid = try RasterFile.read(input, band: band, as: Double.self).grid
            values = grid.values.map { grid.isValidValue($0) ? $0 : .nan }
            name = "Band \(band)"
        }
        let panel = try Panel.histogram(values, options: HistogramOptions(xLabel: name, binning: binning))
        try writeFigure(figure.figure(panel, fallbackTitle: URL(fileURLWithPath: input).lastPathComponent), to: output)
    }
}
