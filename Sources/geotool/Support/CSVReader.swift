import Foundation

/// A streaming RFC 4180 record parser over the bytes of a CSV file: comma-separated fields,
/// fields optionally enclosed in double quotes (a doubled quote inside is a literal quote;
/// commas and line breaks inside quotes are data), records ended by LF, CRLF or CR.
/// A UTF-8 byte-order mark at the start is skipped. Lenient about a quote in the middle of an
/// unquoted field (kept literally); strict about an unterminated quoted field.
struct CSVReader {
    private let bytes: [UInt8]
    private let path: String
    private var position = 0
    /// 1-based physical line at which the next record starts.
    private(set) var line = 1

    /// Reads the whole file (CSV inputs are small compared to rasters).
    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDir)
            throw CSVError(path: path, exists ? (isDir.boolValue ? "is a directory" : "cannot read") : "no such file")
        }
        self.init(bytes: [UInt8](data), path: path)
    }

    /// Parses CSV text already in memory (`path` is used in error messages).
    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
    }

    /// The next record and the line it starts on, or nil at the end of the input.
    mutating func next() throws -> (line: Int, fields: [String])? {
        guard position < bytes.count else { return nil }
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false          // inside a quoted section
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
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
                if b == UInt8(ascii: "\r") && peek() == UInt8(ascii: "\n") { position += 1 }
                line += 1
                fields.append(String(decoding: field, as: UTF8.self))
                return (startLine, fields)
            default:
                field.append(b)
            }
        }
        if quoted {
            throw CSVError(path: path, line: startLine, "unterminated quoted field (a '\"' is never closed)")
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return (startLine, fields)
    }

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }
}
