/// A bad ECOSTRESS parameter or input, in domain words: it names the parameter field or the file (or
/// site) concerned, never a command-line flag — a CLI maps `field` to its own option names.
/// `description` is one line: `<file or field>: <problem>`.
public struct EcostressError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A parameter of an ECOSTRESS operation.
    public enum Field: String, Sendable, CaseIterable {
        case resolution = "target resolution"
        case minValidFraction = "minimum valid fraction"
        case variables = "variables"
        case landCoverClasses = "land-cover classes"
    }

    /// The parameter concerned, if the problem is a parameter's value.
    public let field: Field?
    /// The file (or other subject) concerned, if the problem is an input's.
    public let path: String?
    public let message: String

    /// A problem with a parameter's value.
    public init(field: Field, _ message: String) {
        self.field = field
        self.path = nil
        self.message = message
    }

    /// A problem with an input file (or a site in it).
    public init(path: String, _ message: String) {
        self.field = nil
        self.path = path
        self.message = message
    }

    public var description: String {
        let line = path.map { "\($0): \(message)" } ?? "\(field?.rawValue ?? "parameter"): \(message)"
        return line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
