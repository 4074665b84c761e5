import Foundation

/// Options of a predicted-versus-observed scatter (`Panel.scatter`).
public struct ScatterOptions: Sendable {
    public var title: String?
    public var xLabel: String
    public var yLabel: String
    /// Draw the dashed 1:1 line.
    public var oneToOne: Bool
    /// Draw the least-squares line of predicted on observed.
    public var fitLine: Bool
    /// Print N, RMSE, bias and R² (see `Metrics`) in the upper left.
    public var showMetrics: Bool
    public var color: Color
    /// Marker opacity; nil = 1 up to 200 points, then √(200/N) (at least 0.08) so dense clouds stay readable.
    public var alpha: Double?
    public var markerSize: Double

    public init(title: String? = nil, xLabel: String = "Observed", yLabel: String = "Predicted",
                oneToOne: Bool = true, fitLine: Bool = true, showMetrics: Bool = true,
                color: Color = Color.cycle(0), alpha: Double? = nil, markerSize: Double = 4) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.oneToOne = oneToOne
        self.fitLine = fitLine
        self.showMetrics = showMetrics
        self.color = color
        self.alpha = alpha
        self.markerSize = markerSize
    }

    static func autoAlpha(_ n: Int) -> Double { n <= 200 ? 1 : max(0.08, (200 / Double(n)).squareRoot()) }
}

extension Panel {
    /// Predicted (y) against observed (x) on equal axes with the 1:1 line, optional fitted line and metrics.
    public static func scatter(observed: [Double], predicted: [Double],
                               options o: ScatterOptions = ScatterOptions()) throws(PlotError) -> Panel {
        let m = try Metrics(observed: observed, predicted: predicted)
        let points = try Series(label: nil, x: observed, y: predicted, style: .markers, color: o.color,
                                markerSize: o.markerSize, markerAlpha: o.alpha ?? ScatterOptions.autoAlpha(m.count))
        var layers: [PlotLayer] = [.series(points)]
        if o.oneToOne { layers.append(.referenceLine(ReferenceLine(label: "1:1"))) }
        if o.fitLine, let fit = LinearFit(x: observed, y: predicted) {
            let sign = fit.intercept < 0 ? "−" : "+"
            layers.append(.referenceLine(ReferenceLine(
                slope: fit.slope, intercept: fit.intercept,
                label: "fit: y = \(NiceNumbers.format(fit.slope, significant: 3))x \(sign) \(NiceNumbers.format(abs(fit.intercept), significant: 3))",
                color: Color.cycle(3), dashed: false, lineWidth: 1.4)))
        }
        var panel = Panel(title: o.title, xAxis: Axis(label: o.xLabel), yAxis: Axis(label: o.yLabel),
                          layers: layers, equalAspect: true)
        // Same range on both axes so the 1:1 line is the diagonal.
        if let x = panel.dataRanges().x, let y = panel.dataRanges().y {
            let r = Axis(margin: 0.05).resolvedRange(data: min(x.lowerBound, y.lowerBound)...max(x.upperBound, y.upperBound))
            panel.xAxis.limits = r.0...r.1
            panel.yAxis.limits = r.0...r.1
        }
        if o.showMetrics && m.count > 0 {
            panel.notes = ["N = \(m.count)", "RMSE = \(NiceNumbers.format(m.rmse))",
                           "Bias = \(NiceNumbers.format(m.bias))", "R² = \(NiceNumbers.format(m.r2, significant: 3))"]
        }
        return panel
    }
}
