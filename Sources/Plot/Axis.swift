import Foundation

/// One axis of a panel: label, scale kind, optional fixed limits and padding.
public struct Axis: Sendable {
    /// Axis title, e.g. "Time (s)".
    public var label: String?
    public var scale: AxisScale
    /// Fixed data limits; nil = the data range padded by `margin`.
    public var limits: ClosedRange<Double>?
    /// Padding on each side as a fraction of the data range (in log10 space for log axes).
    public var margin: Double
    /// Draw grid lines at major ticks.
    public var showGrid: Bool
    /// Larger values towards the bottom/left (image rows).
    public var inverted: Bool

    public init(label: String? = nil, scale: AxisScale = .linear, limits: ClosedRange<Double>? = nil,
                margin: Double = 0.05, showGrid: Bool = true, inverted: Bool = false) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.margin = margin
        self.showGrid = showGrid
        self.inverted = inverted
    }

    /// The drawn range for a data range (fixed limits win; degenerate ranges are widened).
    func resolvedRange(data: ClosedRange<Double>?) -> (Double, Double) {
        if let l = limits, scale.canShow(l.lowerBound), scale.canShow(l.upperBound) { return (l.lowerBound, l.upperBound) }
        guard let d = data, scale.canShow(d.lowerBound), scale.canShow(d.upperBound) else {
            return scale == .log ? (1, 10) : (0, 1)
        }
        // Every drawn range is finite (and positive on log axes), whatever the data: ±1e308 is padded
        // without overflowing and clamped to the largest finite magnitude.
        if scale == .log {
            var a = log10(d.lowerBound), b = log10(d.upperBound)
            if a == b { a -= 0.5; b += 0.5 }
            let p = (b - a) * margin
            return (Swift.max(pow(10, a - p), .leastNonzeroMagnitude), Swift.min(pow(10, b + p), FiniteMath.limit))
        }
        var a = d.lowerBound, b = d.upperBound
        if a == b {
            let w = scale == .date ? 86400 : (a == 0 ? 1 : abs(a) * 0.1)
            a = FiniteMath.clamp(a - w); b = FiniteMath.clamp(b + w)
        }
        return FiniteMath.pad(a, b, by: margin)
    }

    /// Major (labelled) and minor ticks for the drawn range, about `count` major ones.
    func ticks(lower: Double, upper: Double, count: Int) -> [Tick] {
        switch scale {
        case .log: return LogTicks.ticks(min: lower, max: upper, maxLabels: max(count, 3))
        case .date: return DateTicks.ticks(min: lower, max: upper, count: count)
        case .linear:
            let t = NiceNumbers.ticks(min: lower, max: upper, count: count)
            return zip(t.values, NiceNumbers.labels(t.values, step: t.step)).map { Tick(value: $0, label: $1) }
        }
    }
}
