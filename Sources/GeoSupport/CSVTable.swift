import Foundation

/// A whole CSV file in memory: a header row and data rows of strings (geotool's one dialect, see `CSVReader`).
/// Blank lines are skipped; a row whose field count differs from the header's is an error
/// naming its line.
public struct CSVTable: Sendable {
    /// The file the table was read from (used in error messages).
    public let path: String
    /// Column names from the first record (surrounding spaces trimmed).
    public let header: [String]
    /// Data records, each with `header.count` fields.
    public let rows: [[String]]
    /// The 1-based line of the file on which each row starts (parallel to `rows`).
    public let lineNumbers: [Int]

    /// Reads and parses `path`. Throws `CSVError` for a missing/empty file, an unterminated
    /// quote or a ragged row.
    public init(path: String) throws {
        var reader = try CSVReader(path: path)
        try self.init(reader: &reader, path: path)
    }

    /// Parses CSV text (for tests and in-memory data).
    public init(text: String, path: String = "<text>") throws {
        try self.init(bytes: Array(text.utf8), path: path)
    }

    /// Parses CSV bytes (UTF-8; `path` is used in error messages).
    public init(bytes: [UInt8], path: String) throws {
        var reader = CSVReader(bytes: bytes, path: path)
        try self.init(reader: &reader, path: path)
    }

    private init(reader: inout CSVReader, path: String) throws {
        self.path = path
        var header: [String]? = nil
        var rows: [[String]] = []
        var lines: [Int] = []
        while let record = try reader.next() {
            if record.fields == [""] { continue }             // blank line
            guard let h = header else {
                header = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                continue
            }
            guard record.fields.count == h.count else {
                throw CSVError(path: path, line: record.line,
                               "has \(record.fields.count) fields, the header has \(h.count)")
            }
            rows.append(record.fields)
            lines.append(record.line)
        }
        guard let header else { throw CSVError(path: path, "is empty (no header row)") }
        self.header = header
        self.rows = rows
        self.lineNumbers = lines
    }

    /// Index of the column called `name` (exact match first, then case-insensitive).
    /// Throws naming the file, the column and the columns that exist.
    public func column(named name: String) throws -> Int {
        if let i = header.firstIndex(of: name) { return i }
        if let i = header.firstIndex(where: { $0.caseInsensitiveCompare(name) == .orderedSame }) { return i }
        throw CSVError(path: path, column: name,
                       "no such column (columns: \(header.joined(separator: ", ")))")
    }

    /// `field` without surrounding white space (`CharacterSet.whitespaces`). Fields that start and
    /// end with a printable ASCII byte (numbers, nearly always) are returned as they are, without
    /// going through Foundation's Unicode-aware trimming (~4 µs a field).
    public static func trimmed(_ field: String) -> String {
        let bytes = field.utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return field
        }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// The field of row `row` in column `column` as a finite number; throws naming file, line
    /// and column when it is empty or not a number.
    public func double(row: Int, column: Int) throws -> Double {
        let text = Self.trimmed(rows[row][column])
        guard let v = Double(text), v.isFinite else {
            throw CSVError(path: path, line: lineNumbers[row], column: header[column],
                           text.isEmpty ? "empty, expected a number" : "'\(text)' is not a number")
        }
        return v
    }
}
