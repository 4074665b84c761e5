import Foundation
import GeoSupport
import Grid
import Plot
import Raster

/// A histogram of a CSV column or of a raster band's valid pixels (`geotool plot hist`, the `hist` plot job).
public struct HistPlotRequest: PlotRequest {
    /// A `.csv` file (needs `column`) or a raster.
    public var input: String
    public var column: String?
    public var band = 1
    /// Bin count; nil: Freedman–Diaconis (`auto`).
    public var bins: Int?
    public var layout = FigureLayout()

    /// A histogram of column `column` of a CSV `input`, or of band `band` of a raster `input`.
    public init(input: String, column: String? = nil, band: Int = 1, bins: Int? = nil, layout: FigureLayout = FigureLayout()) {
        self.input = input
        self.column = column
        self.band = band
        self.bins = bins
        self.layout = layout
    }

    public func render(to output: String) throws -> [String: Double] {
        let values: [Double]
        let name: String
        if input.lowercased().hasSuffix(".csv") {
            guard let column else { throw OperationError("\(input): a column is required for a CSV input") }
            values = try CSVTable(path: input).numbers(column)
            name = column
        } else {
            let grid = try RasterFile.read(input, band: band, as: Double.self).grid
            values = grid.values.map { grid.isValidValue($0) ? $0 : .nan }
            name = "Band \(band)"
        }
        let binning: Histogram.Binning = bins.map { .count($0) } ?? .auto
        let panel = try Panel.histogram(values, options: HistogramOptions(xLabel: name, binning: binning))
        try layout.write(panel, fallbackTitle: URL(fileURLWithPath: input).lastPathComponent, to: output)
        return [:]
    }

    /// `auto` → nil (Freedman–Diaconis), a positive integer → that count; anything else throws.
    public static func bins(parsing text: String) throws -> Int? {
        if text.lowercased() == "auto" { return nil }
        guard let n = Int(text), n >= 1 else { throw OperationError("'\(text)' is not a positive integer or 'auto'") }
        return n
    }
}
