import Foundation
import Raster

/// A streaming RFC 4180 CSV writer. Fields containing a comma, a double quote, CR or LF, or
/// with leading/trailing spaces are enclosed in double quotes (inner quotes doubled).
/// Records end with `lineEnding` (LF by default, as most tools write; `.crlf` is RFC 4180's).
///
/// To a file, rows go to a temporary name in the destination directory (`AtomicFile`) and
/// `commit()` renames it into place; if the writer is discarded (or dropped) uncommitted, nothing
/// is left at the path. To standard output, rows are written as they come.
final class CSVWriter {
    enum LineEnding: String { case lf = "\n", crlf = "\r\n" }

    /// The final path, or nil for standard output.
    let path: String?
    private let file: AtomicFile?
    private let handle: FileHandle
    private let lineEnding: LineEnding
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 16

    /// A writer to `path` (written under a temporary name until `commit()`).
    init(path: String, lineEnding: LineEnding = .lf) throws {
        let file = try AtomicFile(path)
        guard FileManager.default.createFile(atPath: file.temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: file.temporaryPath) else {
            throw CSVError(path: path, "cannot create the output file")
        }
        self.path = path
        self.file = file
        self.handle = handle
        self.lineEnding = lineEnding
    }

    /// A writer to standard output.
    init(standardOutput: Void = (), lineEnding: LineEnding = .lf) {
        self.path = nil
        self.file = nil
        self.handle = FileHandle.standardOutput
        self.lineEnding = lineEnding
    }

    deinit { if !finished { discard() } }

    /// Appends one record.
    func write(_ fields: [String]) throws {
        try write(prefix: [], fields)
    }

    /// Appends one record whose first fields were encoded once with `encode(_:)` (for rows that
    /// repeat the same leading fields, e.g. a point's id and coordinates for every raster).
    func write(prefix: [UInt8], _ fields: [String]) throws {
        buffer.append(contentsOf: prefix)
        CSVWriter.append(fields, to: &buffer)
        buffer.append(contentsOf: lineEnding.rawValue.utf8)
        if buffer.count >= CSVWriter.flushThreshold { try flush() }
    }

    /// `fields` as they appear in a record, each followed by a comma: a prefix for
    /// `write(prefix:_:)`.
    static func encode(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        if !fields.isEmpty { bytes.append(UInt8(ascii: ",")) }
        return bytes
    }

    private static func append(_ fields: [String], to buffer: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { buffer.append(UInt8(ascii: ",")) }
            if needsQuotes(f) {
                buffer.append(UInt8(ascii: "\""))
                for b in f.utf8 {
                    if b == UInt8(ascii: "\"") { buffer.append(b) }
                    buffer.append(b)
                }
                buffer.append(UInt8(ascii: "\""))
            } else {
                buffer.append(contentsOf: f.utf8)
            }
        }
    }

    /// The field as it appears in the file (quoted when needed).
    static func escape(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a field must be quoted: it holds a comma, a double quote, CR or LF, or starts or ends
    /// with a space. Scans UTF-8 bytes (these are all ASCII, never part of a multi-byte sequence).
    static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        return bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    /// Writes buffered rows out.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw CSVError(path: path ?? "<stdout>", "write failed: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, moves it into place.
    func commit() throws {
        guard !finished else { return }
        do {
            try flush()
            finished = true
            if let file {
                try handle.close()
                try file.commit()
            }
        } catch {
            discard()
            throw error
        }
    }

    /// Abandons the output: for a file, the temporary is removed and nothing appears at `path`.
    func discard() {
        finished = true
        buffer.removeAll()
        if let file {
            try? handle.close()
            file.discard()
        }
    }
}
