/// Errors thrown by the TEM1D module. Every case renders as a one-line, self-contained message.
public enum TEM1DError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A model or system parameter is out of range; `what` names it (e.g. "resistivity[2]", "row 7, field rho_2").
    case invalidParameter(what: String, value: Double, reason: String)
    /// A CSV row has the wrong number of fields.
    case wrongColumnCount(row: Int, expected: Int, found: Int)
    /// A CSV field is not a number.
    case notANumber(row: Int, field: String, text: String)
    /// A CSV field is empty where a value is required, or given where it must be empty.
    case missingField(row: Int, field: String, reason: String)
    /// A CSV header is missing or malformed.
    case badHeader(String)
    /// Gate times must be strictly increasing; `index` is the first offending gate (0-based).
    case nonIncreasingTimes(index: Int, previous: Double, value: Double)
    /// The number of thicknesses must be one less than the number of resistivities.
    case layerCountMismatch(resistivities: Int, thicknesses: Int)
    /// A model specification is inconsistent (e.g. a random distribution used in a grid).
    case invalidSpec(String)
    /// A filter table could not be loaded.
    case filterUnavailable(String)
    /// Model `index` (0-based) of a batch is invalid.
    case invalidModel(index: Int, message: String)

    public var description: String {
        switch self {
        case let .invalidParameter(what, value, reason):
            return "\(what) = \(value): \(reason)"
        case let .wrongColumnCount(row, expected, found):
            return "row \(row): expected \(expected) fields, found \(found)"
        case let .notANumber(row, field, text):
            return "row \(row), field \(field): '\(text)' is not a number"
        case let .missingField(row, field, reason):
            return "row \(row), field \(field): \(reason)"
        case let .badHeader(message):
            return "bad CSV header: \(message)"
        case let .nonIncreasingTimes(index, previous, value):
            return "gate times must be strictly increasing: time[\(index)] = \(value) s is not greater than time[\(index - 1)] = \(previous) s"
        case let .layerCountMismatch(r, t):
            return "a model with \(r) resistivities needs \(max(r - 1, 0)) thicknesses, got \(t)"
        case let .invalidSpec(message):
            return "invalid model spec: \(message)"
        case let .filterUnavailable(message):
            return "filter table unavailable: \(message)"
        case let .invalidModel(index, message):
            return "model \(index): \(message)"
        }
    }
}
