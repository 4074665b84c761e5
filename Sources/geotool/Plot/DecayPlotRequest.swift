import Foundation
import GeoSupport
import Plot

/// Log–log decay curves, one per sounding column (`geotool plot decay`, the `decay` plot job).
struct DecayPlotRequest: PlotRequest {
    /// CSV: a time column and one column per sounding.
    var csv: String
    /// Time column (seconds).
    var time = "time_s"
    /// Sounding columns to draw; nil: every column but the time.
    var soundings: [String]?
    var ylabel = "dBz/dt (T/s per A)"
    var layout = FigureLayout()

    func render(to output: String) throws -> [String: Double] {
        let table = try CSVTable(path: csv)
        let t = try table.numbers(time)
        let timeIndex = try table.column(named: time)
        let names = soundings ?? table.header.enumerated().filter { $0.offset != timeIndex }.map(\.element)
        guard !names.isEmpty else { throw PlotCommandError("\(csv): no sounding columns besides '\(time)'") }
        let series = try names.map { try Series(label: $0, x: t, y: try table.numbers($0)) }
        let panel = Panel.decay(series, options: LineOptions(xLabel: "Time (s)", yLabel: ylabel, style: .lineAndMarkers))
        try writeFigure(layout.figure(panel, fallbackTitle: URL(fileURLWithPath: csv).lastPathComponent), to: output)
        return [:]
    }

    /// Column names from a comma-separated list (`a, b,c` → `["a", "b", "c"]`).
    static func columns(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    }
}
