import GeoSupport
/// Options of a histogram (`Panel.histogram`).
public struct HistogramOptions: Sendable {
    public var title: String?
    public var xLabel: String?
    public var yLabel: String
    public var binning: Histogram.Binning
    public var color: Color
    /// Print N, mean and median in the upper left.
    public var showSummary: Bool

    public init(title: String? = nil, xLabel: String? = nil, yLabel: String = "Count",
                binning: Histogram.Binning = .auto, color: Color = Color.cycle(0), showSummary: Bool = true) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.binning = binning
        self.color = color
        self.showSummary = showSummary
    }
}

extension Panel {
    /// Histogram of the finite `values` (counts per bin).
    public static func histogram(_ values: [Double], options o: HistogramOptions = HistogramOptions()) throws(PlotError) -> Panel {
        let h = try Histogram(values: values, binning: o.binning)
        let top = Double(h.counts.max() ?? 0)
        var panel = Panel(title: o.title, xAxis: Axis(label: o.xLabel, margin: 0.02),
                          yAxis: Axis(label: o.yLabel, limits: 0...max(top * 1.08, 1)),
                          layers: [.histogram(h, color: o.color)], showLegend: false)
        panel.xAxis.showGrid = false
        if o.showSummary && h.total > 0 {
            let finite = values.filter(\.isFinite)
            var mean = finite.reduce(0, +) / Double(finite.count)
            if !mean.isFinite { mean = finite.reduce(0) { $0 + $1 / Double(finite.count) } }   // the sum overflowed
            let median = Percentiles.ofFinite(finite, [50])[0]
            panel.notes = ["N = \(finite.count)", "mean = \(NiceNumbers.format(mean))",
                           "median = \(NiceNumbers.format(median))", "bins = \(h.counts.count)"]
        }
        return panel
    }
}
