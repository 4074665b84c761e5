import ArgumentParser
import Foundation
import Plot

/// `geotool plot series CSV --x date --y COL [--by COL] -o OUT.png`: time series on a date axis.
struct PlotSeriesCommand: PlotRendering {
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

    @Option(name: .shortAndLong, help: "Output PNG.")
    var output: String

    @Flag(help: "Draw markers as well as lines.")
    var markers = false

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try runPlotCommand("series") { try render() }
    }

    /// Draws the figure and writes it to `output`; errors are thrown, not printed (the `plot` batch job
    /// kind runs this).
    func render() throws {
        let table = try CSVTable(path: csv)
        let series = try PlotSeriesCommand.series(table, x: x, y: y, by: by)
        let panel = Panel.series(series, options: LineOptions(xLabel: "Date (UTC)", yLabel: y,
                                                              style: markers ? .lineAndMarkers : .line,
                                                              showLegend: by != nil))
        try writeFigure(figure.figure(panel, fallbackTitle: y), to: output)
    }

    /// Series of `y` against the dates in `x`, sorted by date, one per value of `by` (rows `subset` only).
    static func series(_ table: CSVTable, x: String, y: String, by: String?, subset: [Int]? = nil) throws -> [Series] {
        let t = try table.dates(x), v = try table.numbers(y)
        let rows = subset ?? Array(table.rows.indices)
        let groups: [(String?, [Int])]
        if let by {
            let c = try table.column(named: by)
            var map: [String: [Int]] = [:]
            for r in rows { map[table.rows[r][c], default: []].append(r) }
            groups = map.keys.sorted().map { ($0, map[$0]!) }
        } else {
            groups = [(nil, rows)]
        }
        return try groups.map { label, idx in
            let sorted = idx.sorted { t[$0] < t[$1] }
            return try Series(label: label, x: sorted.map { t[$0] }, y: sorted.map { v[$0] })
        }
    }
}
