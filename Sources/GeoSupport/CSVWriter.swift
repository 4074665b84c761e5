import Foundation

/// geotool's one CSV dialect, written (RFC 4180, UTF-8, read back by `CSVReader`): a field is enclosed in
/// double quotes (inner quotes doubled) only when it needs to be — it holds a comma, a double quote, CR or LF,
/// or starts or ends with a space. Records end with `lineEnding` (LF by default, as most tools write; `.crlf`
/// is RFC 4180's).
///
/// A writer streams records, buffered, into a file — written durably under a temporary name (`DurableFile`)
/// and moved into place by `commit()` — or into a `FileHandle` it is given (standard output). Whole tables in
/// memory are encoded with the static `text(_:lineEnding:)` / `appendRecord(_:to:lineEnding:)`.
public final class CSVWriter {
    /// The record terminator.
    public enum LineEnding: String, Sendable { case lf = "\n", crlf = "\r\n" }

    private enum Destination {
        case file(DurableFile)
        case handle(FileHandle)
    }

    /// The output's name in error messages (nil: standard output).
    public let path: String?
    private let destination: Destination
    private let lineEnding: LineEnding
    private var buffer: [UInt8] = []
    private var finished = false
    private static let flushThreshold = 1 << 16

    /// A writer to the file `path`, written under a temporary name in its directory (`DurableFile`) until
    /// `commit()` moves it into place; discarded (or dropped) uncommitted, it leaves nothing at `path`.
    public init(path: String, lineEnding: LineEnding = .lf) throws {
        let file = try DurableFile(path)
        try file.append([UInt8]())          // the temporary exists from now on, as an empty CSV
        self.path = path
        self.destination = .file(file)
        self.lineEnding = lineEnding
    }

    /// A writer into `handle`, which stays open; `path` names the output in errors (nil: standard output).
    public init(handle: FileHandle, path: String?, lineEnding: LineEnding = .lf) {
        self.path = path
        self.destination = .handle(handle)
        self.lineEnding = lineEnding
    }

    /// A writer to standard output (records are written as they come, in 64 KiB batches).
    public convenience init(standardOutput: Void = (), lineEnding: LineEnding = .lf) {
        self.init(handle: FileHandle.standardOutput, path: nil, lineEnding: lineEnding)
    }

    deinit { if !finished { discard() } }

    /// Appends one record.
    public func write(_ fields: [String]) throws {
        try write(prefix: [], fields)
    }

    /// Appends one record whose first fields were encoded once with `encode(_:)` (for rows that
    /// repeat the same leading fields, e.g. a point's id and coordinates for every raster).
    public func write(prefix: [UInt8], _ fields: [String]) throws {
        buffer.append(contentsOf: prefix)
        CSVWriter.appendRecord(fields, to: &buffer, lineEnding: lineEnding)
        if buffer.count >= CSVWriter.flushThreshold { try flush() }
    }

    /// `fields` as they appear in a record, each followed by a comma: a prefix for
    /// `write(prefix:_:)`.
    public static func encode(_ fields: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        appendFields(fields, to: &bytes)
        if !fields.isEmpty { bytes.append(UInt8(ascii: ",")) }
        return bytes
    }

    /// Appends `fields` as one record, line ending included, to `buffer`.
    public static func appendRecord(_ fields: [String], to buffer: inout [UInt8], lineEnding: LineEnding = .lf) {
        appendFields(fields, to: &buffer)
        buffer.append(contentsOf: lineEnding.rawValue.utf8)
    }

    /// A whole table (header and rows alike) as CSV text, every record ended by `lineEnding`.
    public static func text(_ records: [[String]], lineEnding: LineEnding = .lf) -> String {
        var bytes: [UInt8] = []
        for r in records { appendRecord(r, to: &bytes, lineEnding: lineEnding) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func appendFields(_ fields: [String], to buffer: inout [UInt8]) {
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
    public static func escape(_ field: String) -> String {
        guard needsQuotes(field) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a field must be quoted: it holds a comma, a double quote, CR or LF, or starts or ends
    /// with a space. Scans UTF-8 bytes (these are all ASCII, never part of a multi-byte sequence).
    public static func needsQuotes(_ field: String) -> Bool {
        let bytes = field.utf8
        guard let first = bytes.first, let last = bytes.last else { return false }
        if first == UInt8(ascii: " ") || last == UInt8(ascii: " ") { return true }
        return bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
    }

    /// Writes buffered records out.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        switch destination {
        case .file(let file):
            try file.append(buffer)
        case .handle(let handle):
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw CSVError(path: path ?? "<stdout>", "write failed: \(error.localizedDescription)")
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes and, for a file, moves it into place. On failure the file is discarded and the error rethrown.
    public func commit() throws {
        guard !finished else { return }
        do {
            try flush()
            finished = true
            if case .file(let file) = destination { try file.commit() }
        } catch {
            discard()
            throw error
        }
    }

    /// Abandons the output: for a file, the temporary is removed and nothing appears at `path`.
    public func discard() {
        finished = true
        buffer.removeAll()
        if case .file(let file) = destination { file.discard() }
    }
}
