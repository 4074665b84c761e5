import Foundation

/// One parameter or result value: a number, a string, or a list of values. Encodes as a bare JSON number,
/// string or array. The value type of the spec vocabulary (`ParameterSpec`, `ParameterSpace`), of batch jobs
/// and of their results. Lists arise where a workflow stage gathers what every job of an upstream stage
/// produced (a fan-in); spec files give scalars.
public indirect enum ParameterValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case list([ParameterValue])

    /// The number, or a string that parses as one.
    public var doubleValue: Double? {
        switch self {
        case .number(let d): return d
        case .string(let s): return Double(s)
        case .list: return nil
        }
    }

    /// A list's values; a single value as a list of one (a list parameter accepts a single value).
    public var elements: [ParameterValue] {
        if case .list(let values) = self { return values }
        return [self]
    }

    /// The string, or the number in its shortest exact form (integers without ".0").
    public var description: String {
        switch self {
        case .string(let s): return s
        case .number(let d):
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
            return "\(d)"
        case .list(let values): return "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            self = .number(d)
        } else if let values = try? c.decode([ParameterValue].self) {
            self = .list(values)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let d): try c.encode(d)
        case .string(let s): try c.encode(s)
        case .list(let values): try c.encode(values)
        }
    }
}

extension ParameterValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .string(value) }
}
