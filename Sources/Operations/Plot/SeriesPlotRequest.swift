import Foundation
import GeoSupport
import Plot

/// Time series on a UTC date axis, one line per value of `by` (`geotool plot series`, the `series` plot job).
public struct SeriesPlotRequest: PlotRequest {
    public var csv: String
    /// Date column.
    public var x = "date"
    /// Value column.
    public var y: String
    /// Column whose values split the rows into series (legend entries).
    public var by: String?
    public var markers = false
    public var layout = FigureLayout()

    /// Column `y` of `csv` against the dates in column `x`, one series per value of `by`.
    public init(csv: String, x: String = "date", y: String, by: String? = nil, markers: Bool = false,
                layout: FigureLayout = FigureLayout()) {
        self.csv = csv
        self.x = x
        self.y = y
        self.by = by
        self.markers = markers
        self.layout = layout
    }

    public func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let series = try Self.series(table, x: x, y: y, by: by)
        let panel = Panel.series(series, options: LineOptions(xLabel: "Date (UTC)", yLabel: y,
                                                              style: markers ? .lineAndMarkers : .line,
                                                              showLegend: by != nil))
        try layout.write(panel, fallbackTitle: y, to: output)
        return [:]
    }

    /// Series of `y` against the dates in `x`, sorted by date, one per value of `by` (rows `subset` only).
    public static func series(_ table: CSVTable, x: String, y: String, by: String?, subset: [Int]? = nil) throws -> [Series] {
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
