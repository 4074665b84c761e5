import Foundation
import GeoSupport
import Plot

/// Log–log decay curves, one per sounding column (`geotool plot decay`, the `decay` plot job).
public struct DecayPlotRequest: PlotRequest {
    /// CSV: a time column and one column per sounding.
    public var csv: String
    /// Time column (seconds).
    public var time = "time_s"
    /// Sounding columns to draw; nil: every column but the time.
    public var soundings: [String]?
    public var ylabel = "dBz/dt (T/s per A)"
    public var layout = FigureLayout()

    /// Decay curves of the `soundings` columns of `csv` against its `time` column.
    public init(csv: String, time: String = "time_s", soundings: [String]? = nil, ylabel: String = "dBz/dt (T/s per A)",
                layout: FigureLayout = FigureLayout()) {
        self.csv = csv
        self.time = time
        self.soundings = soundings
        self.ylabel = ylabel
        self.layout = layout
    }

    public func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let t = try table.numbers(time)
        let timeIndex = try table.column(named: time)
        let names = soundings ?? table.header.enumerated().filter { $0.offset != timeIndex }.map(\.element)
        guard !names.isEmpty else { throw OperationError("\(csv): no sounding columns besides '\(time)'") }
        let series = try names.map { try Series(label: $0, x: t, y: try table.numbers($0)) }
        let panel = Panel.decay(series, options: LineOptions(xLabel: "Time (s)", yLabel: ylabel, style: .lineAndMarkers))
        try layout.write(panel, fallbackTitle: URL(fileURLWithPath: csv).lastPathComponent, to: output)
        return [:]
    }

    /// Column names from a comma-separated list (`a, b,c` → `["a", "b", "c"]`).
    public static func columns(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
