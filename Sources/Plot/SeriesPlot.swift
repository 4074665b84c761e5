/// Options of line plots (`Panel.series`, `Panel.decay`).
public struct LineOptions: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var style: Series.Style
    public var showLegend: Bool

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String? = nil,
                style: Series.Style = .line, showLegend: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.style = style
        self.showLegend = showLegend
    }
}

extension Panel {
    /// Time series: x values are seconds since the Unix epoch (see `Series(label:dates:values:)`),
    /// drawn on a UTC date axis; series without a colour take the next colour of `Color.cycle`.
    public static func series(_ series: [Series], options o: LineOptions = LineOptions(xLabel: "Date (UTC)")) -> Panel {
        lines(series, x: .date, y: .linear, options: o)
    }

    /// Log–log decay curves, e.g. TEM dB/dt against time, one series per sounding (values ≤ 0 are not drawn).
    public static func decay(_ soundings: [Series],
                             options o: LineOptions = LineOptions(xLabel: "Time (s)", yLabel: "dBz/dt (T/s per A)",
                                                                  style: .lineAndMarkers)) -> Panel {
        lines(soundings, x: .log, y: .log, options: o)
    }

    /// Line plot on arbitrary axis kinds; each series' style is replaced by `options.style`.
    public static func lines(_ series: [Series], x: AxisScale, y: AxisScale, options o: LineOptions) -> Panel {
        let layers = series.map { s -> PlotLayer in
            var s = s
            s.style = o.style
            return .series(s)
        }
        return Panel(title: o.title, xAxis: Axis(label: o.xLabel, scale: x, margin: x == .log ? 0.03 : 0.02),
                     yAxis: Axis(label: o.yLabel, scale: y), layers: layers, showLegend: o.showLegend)
    }
}
