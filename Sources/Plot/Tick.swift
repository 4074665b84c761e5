/// One axis tick: its data value, whether it is major (labelled, longer) and its label.
public struct Tick: Sendable, Equatable {
    public var value: Double
    public var isMajor: Bool
    public var label: TickLabel

    public init(value: Double, isMajor: Bool = true, label: TickLabel = TickLabel("")) {
        self.value = value
        self.isMajor = isMajor
        self.label = label
    }
}

/// A tick label: text, optionally followed by a superscript exponent (as in 10⁻³).
public struct TickLabel: Sendable, Equatable, CustomStringConvertible {
    public var text: String
    public var exponent: String?

    public init(_ text: String, exponent: String? = nil) {
        self.text = text
        self.exponent = exponent
    }

    public var isEmpty: Bool { text.isEmpty && exponent == nil }
    /// Plain-text form, e.g. "10^-3".
    public var description: String { exponent.map { "\(text)^\($0)" } ?? text }
}
