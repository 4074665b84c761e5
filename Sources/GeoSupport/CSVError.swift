/// A problem reading or writing a CSV file. `description` is one line naming the file, and the
/// line and column when known, e.g. `pts.csv: line 7, column 'lat': 'abc' is not a number` or, where
/// only the field's position is known, `pts.csv: line 7, column 3: not valid UTF-8 (byte 0xFF)`.
public struct CSVError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A column named by its header (`'lat'`) or by its 1-based position in the record (`3`).
    public enum Column: Equatable, Sendable, CustomStringConvertible {
        case name(String)
        case number(Int)

        public var description: String {
            switch self {
            case .name(let name): return "'\(name)'"
            case .number(let n): return String(n)
            }
        }
    }

    /// The file concerned.
    public let path: String
    /// 1-based physical line where the offending record (or byte) is, if known.
    public let line: Int?
    /// The column concerned, if known.
    public let column: Column?
    public let message: String

    /// An error about the column called `column` (a header name), if any.
    public init(path: String, line: Int? = nil, column: String? = nil, _ message: String) {
        self.init(path: path, line: line, column: column.map(Column.name), message)
    }

    /// An error about a column given by name or position.
    public init(path: String, line: Int?, column: Column?, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location: [String] = []
        if let line { location.append("line \(line)") }
        if let column { location.append("column \(column)") }
        let prefix = location.isEmpty ? path : "\(path): \(location.joined(separator: ", "))"
        return "\(prefix): \(message)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
