import Foundation
import GeoSupport
import Plot

/// Time series on a UTC date axis, one line per value of `by` (`geotool plot series`, the `series` plot job).
struct SeriesPlotRequest: PlotRequest {
    var csv: String
    /// Date column.
    var x = "date"
    /// Value column.
    var y: String
    /// Column whose values split the rows into series (legend entries).
    var by: String?
    var markers = false
    var layout = FigureLayout()

    func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let series = try Self.series(table, x: x, y: y, by: by)
        let panel = Panel.series(series, options: LineOptions(xLabel: "Date (UTC)", yLabel: y,
                                                              style: markers ? .lineAndMarkers : .line,
                                                              showLegend: by != nil))
        try writeFigure(layout.figure(panel, fallbackTitle: y), to: output)
        return [:]
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
