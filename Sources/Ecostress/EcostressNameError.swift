/// A file name that is not an ECOSTRESS product name; says which part did not match.
/// `description` is one line: `<file>: not an ECOSTRESS name: <part> '<text>' <problem>`.
public struct EcostressNameError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file name examined.
    public let fileName: String
    /// The part of the name that did not match (e.g. "prefix", "orbit", "date-time", "tile").
    public let part: String
    /// What was expected.
    public let message: String

    public init(fileName: String, part: String, _ message: String) {
        self.fileName = fileName
        self.part = part
        self.message = message
    }

    public var description: String { "\(fileName): not an ECOSTRESS name: \(part) \(message)" }
}
