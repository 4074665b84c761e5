import Foundation

/// A set of (x, y) points drawn as a line, markers or both. Non-finite values (and values ≤ 0 on
/// a log axis, dates outside `UTCDate.supportedRange` on a date axis) are not drawn; they break a line.
public struct Series: Sendable {
    public enum Style: Sendable { case line, markers, lineAndMarkers }

    /// Legend entry; nil = not in the legend.
    public var label: String?
    public var x: [Double]
    public var y: [Double]
    public var style: Style
    /// nil = the next colour of `Color.cycle`.
    public var color: Color?
    /// Line width in points.
    public var lineWidth: Double
    /// Marker diameter in points.
    public var markerSize: Double
    /// Opacity of markers (lines are opaque).
    public var markerAlpha: Double

    public init(label: String? = nil, x: [Double], y: [Double], style: Style = .line, color: Color? = nil,
                lineWidth: Double = 1.5, markerSize: Double = 4, markerAlpha: Double = 1) throws(PlotError) {
        guard x.count == y.count else { throw .lengthMismatch(what: "series '\(label ?? "")' x/y", first: x.count, second: y.count) }
        self.label = label
        self.x = x
        self.y = y
        self.style = style
        self.color = color
        self.lineWidth = lineWidth
        self.markerSize = markerSize
        self.markerAlpha = markerAlpha
    }

    /// A time series: x values are the dates as seconds since the Unix epoch.
    public init(label: String? = nil, dates: [Date], values: [Double], style: Style = .line,
                color: Color? = nil) throws(PlotError) {
        try self.init(label: label, x: dates.map(\.timeIntervalSince1970), y: values, style: style, color: color)
    }

    /// The points that can be drawn on axes of the given kinds.
    func drawable(x sx: AxisScale, y sy: AxisScale) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        out.reserveCapacity(x.count)
        for i in x.indices where sx.canShow(x[i]) && sy.canShow(y[i]) {
            out.append((x[i], y[i]))
        }
        return out
    }
}
