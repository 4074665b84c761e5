/// A straight line y = intercept + slope·x across the whole panel (e.g. the 1:1 line or a fit).
public struct ReferenceLine: Sendable {
    public var slope: Double
    public var intercept: Double
    public var label: String?
    public var color: Color
    public var dashed: Bool
    public var lineWidth: Double

    public init(slope: Double = 1, intercept: Double = 0, label: String? = nil, color: Color = .darkGray,
                dashed: Bool = true, lineWidth: Double = 1.2) {
        self.slope = slope
        self.intercept = intercept
        self.label = label
        self.color = color
        self.dashed = dashed
        self.lineWidth = lineWidth
    }
}
