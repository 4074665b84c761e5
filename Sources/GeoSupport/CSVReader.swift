import Foundation

/// geotool's one CSV dialect, read: a streaming RFC 4180 record parser over the bytes of a file.
/// Comma-separated fields, fields optionally enclosed in double quotes (a doubled quote inside is a
/// literal quote; commas and line breaks inside quotes are data), records ended by LF, CRLF or CR,
/// empty fields kept. The text must be UTF-8: a byte-order mark at the start is skipped, and a field
/// that is not valid UTF-8 is an error naming its line and column. Lenient about a quote in the middle
/// of an unquoted field (kept literally); strict about an unterminated quoted field.
///
/// Every CSV reader of geotool goes through this type (`CSVTable`, TEM1D's model files, …), so every
/// CSV input accepts the same files. Errors are `CSVError`s: `file: line N[, column C]: problem`.
public struct CSVReader {
    private let bytes: [UInt8]
    private let path: String
    private let skipsComments: Bool
    private var position = 0
    /// 1-based physical line at which the next record starts.
    public private(set) var line = 1

    /// Reads the whole file (CSV inputs are small compared to rasters).
    /// - Parameter skipsComments: see `init(bytes:path:skipsComments:)`.
    public init(path: String, skipsComments: Bool = false) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw CSVError(path: path, exists ? (isDir.boolValue ? "is a directory" : "cannot read") : "no such file")
        }
        self.init(bytes: [UInt8](data), path: path, skipsComments: skipsComments)
    }

    /// Parses CSV bytes already in memory (`path` is used in error messages).
    /// - Parameter skipsComments: when true, a line whose first non-blank character is `#` at the start of a
    ///   record is a comment and is skipped whole (for formats that document themselves, e.g. TEM1D models).
    public init(bytes: [UInt8], path: String, skipsComments: Bool = false) {
        self.bytes = bytes
        self.path = path
        self.skipsComments = skipsComments
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next record and the line it starts on, or nil at the end of the input.
    public mutating func next() throws -> (line: Int, fields: [String])? {
        if skipsComments { skipComments() }
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var fieldLine = line        // the line on which the current field starts
        var quoted = false          // inside a quoted section
        func finishField() throws {
            fields.append(try text(field, line: fieldLine, column: fields.count + 1))
            field.removeAll(keepingCapacity: true)
            fieldLine = line
        }
        while position < bytes.count {
            let b = bytes[position]
            position += 1
            if quoted {
                if b == UInt8(ascii: "\"") {
                    if position < bytes.count && bytes[position] == UInt8(ascii: "\"") {
                        field.append(b)
                        position += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if b == UInt8(ascii: "\n") || (b == UInt8(ascii: "\r") && peek() != UInt8(ascii: "\n")) {
                        line += 1
                    }
                    field.append(b)
                }
                continue
            }
            switch b {
            case UInt8(ascii: "\"") where field.isEmpty:
                quoted = true
            case UInt8(ascii: ","):
                try finishField()
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if b == UInt8(ascii: "\r") && peek() == UInt8(ascii: "\n") { position += 1 }
                try finishField()
                line += 1
                return (startLine, fields)
            default:
                field.append(b)
            }
        }
        if quoted {
            throw CSVError(path: path, line: startLine, "unterminated quoted field (a '\"' is never closed)")
        }
        try finishField()
        return (startLine, fields)
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    /// Skips comment lines (first non-blank character `#`) at the current position.
    private mutating func skipComments() {
        while true {
            var p = position
            while p < bytes.count && (bytes[p] == UInt8(ascii: " ") || bytes[p] == UInt8(ascii: "\t")) { p += 1 }
            guard p < bytes.count, bytes[p] == UInt8(ascii: "#") else { return }
            while p < bytes.count && bytes[p] != UInt8(ascii: "\n") && bytes[p] != UInt8(ascii: "\r") { p += 1 }
            if p < bytes.count && bytes[p] == UInt8(ascii: "\r") && p + 1 < bytes.count && bytes[p + 1] == UInt8(ascii: "\n") {
                p += 1
            }
            position = min(p + 1, bytes.count)
            line += 1
        }
    }

    /// The field's bytes as a string; throws naming the line of the first byte that is not UTF-8.
    private func text(_ field: [UInt8], line fieldLine: Int, column: Int) throws -> String {
        guard field.contains(where: { $0 >= 0x80 }) else { return String(decoding: field, as: UTF8.self) }
        if let s = String(validating: field, as: UTF8.self) { return s }
        var iterator = field.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0
        parsing: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .error, .emptyInput: break parsing
            }
        }
        let before = field[..<offset]
        let lineBreaks = before.indices.filter { i in
            before[i] == UInt8(ascii: "\n") || (before[i] == UInt8(ascii: "\r") && (i + 1 >= field.count || field[i + 1] != UInt8(ascii: "\n")))
        }.count
        let byte = offset < field.count ? field[offset] : 0
        throw CSVError(path: path, line: fieldLine + lineBreaks, column: .number(column),
                       "not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)) at offset \(offset) of the field)")
    }
}
