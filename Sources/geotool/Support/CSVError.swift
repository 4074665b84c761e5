/// A problem reading or writing a CSV file. `description` is one line naming the file, and the
/// line and column when known, e.g. `pts.csv: line 7, column 'lat': 'abc' is not a number`.
struct CSVError: Error, CustomStringConvertible, Equatable {
    /// The file concerned.
    let path: String
    /// 1-based physical line where the offending record starts, if known.
    let line: Int?
    /// Column name (or 1-based number) concerned, if known.
    let column: String?
    let message: String

    init(path: String, line: Int? = nil, column: String? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    var description: String {
        var location: [String] = []
        if let line { location.append("line \(line)") }
        if let column { location.append("column '\(column)'") }
        let prefix = location.isEmpty ? path : "\(path): \(location.joined(separator: ", "))"
        return "\(prefix): \(message)".split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
