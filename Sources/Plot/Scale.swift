import Foundation

/// How an axis maps data values to positions.
public enum AxisScale: Sendable, Equatable {
    case linear
    /// Base-10 logarithmic; only positive values are drawn.
    case log
    /// Linear in seconds since the Unix epoch (UTC), with calendar ticks.
    case date

    /// Whether `v` can be placed on an axis of this kind: finite, positive on log axes, and within
    /// `UTCDate.supportedRange` on date axes.
    public func canShow(_ v: Double) -> Bool {
        switch self {
        case .linear: return v.isFinite
        case .log: return v.isFinite && v > 0
        case .date: return UTCDate.supportedRange.contains(v)
        }
    }
}

/// A data → position mapping: `domain` (data values) onto `range` (points on the canvas).
/// For `.log` scales the mapping is linear in log10 of the value.
public struct Scale: Sendable, Equatable {
    public let kind: AxisScale
    public let domain: (lower: Double, upper: Double)
    public let range: (start: Double, end: Double)

    public init(kind: AxisScale, domain: (Double, Double), range: (Double, Double)) {
        self.kind = kind
        self.domain = domain
        self.range = range
    }

    public static func == (a: Scale, b: Scale) -> Bool {
        a.kind == b.kind && a.domain == b.domain && a.range == b.range
    }

    private func t(_ v: Double) -> Double { kind == .log ? (v > 0 ? log10(v) : -.infinity) : v }

    /// The position of data value `v` (non-finite when `v` cannot be shown, e.g. ≤ 0 on a log scale).
    public func position(_ v: Double) -> Double {
        let a = t(domain.lower), b = t(domain.upper)
        guard b != a else { return (range.start + range.end) / 2 }
        return range.start + FiniteMath.fraction(t(v), from: a, to: b) * (range.end - range.start)
    }

    /// The data value at position `p` (inverse of `position`).
    public func value(at p: Double) -> Double {
        let a = t(domain.lower), b = t(domain.upper)
        let u = FiniteMath.interpolate(a, b, (p - range.start) / (range.end - range.start))
        return kind == .log ? Swift.min(pow(10, u), FiniteMath.limit) : u
    }

    /// Whether `v` can be placed on this scale.
    public func canShow(_ v: Double) -> Bool { kind.canShow(v) }
}
