/// One file or directory name taken from untrusted data — a site name in a CSV, a group value, a job's
/// output name in a request — checked so that joining it to a directory can never leave that directory.
///
/// A valid component is non-empty, at most 255 UTF-8 bytes, not `.` or `..`, does not start with `.`
/// (geotool's temporaries are hidden files) and contains no `/`, `\`, NUL or other control character.
public struct PathComponent: Hashable, Sendable, CustomStringConvertible {
    /// The checked name.
    public let name: String

    /// Checks `name`; throws `PathComponentError` saying what is wrong with it.
    public init(_ name: String) throws(PathComponentError) {
        if let reason = Self.problem(in: name) { throw PathComponentError(value: name, reason: reason) }
        self.name = name
    }

    /// `raw` made safe: every character that may not appear in a component becomes `_`, a leading `.`
    /// becomes `_`, an empty result becomes `_`, and the name is cut to 255 bytes (on a character boundary).
    public init(sanitizing raw: String) {
        var out = ""
        for ch in raw {
            let bad = ch == "/" || ch == "\\" || ch.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            let next = bad || (out.isEmpty && ch == ".") ? "_" : String(ch)
            guard out.utf8.count + next.utf8.count <= 255 else { break }
            out += next
        }
        name = out.isEmpty ? "_" : out
    }

    public var description: String { name }

    /// Why `name` is not a safe component, or nil.
    static func problem(in name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name == "." || name == ".." { return "is '\(name)', which names a directory, not a file" }
        if name.utf8.count > 255 { return "is longer than 255 bytes" }
        if name.contains("/") || name.contains("\\") { return "contains a path separator" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "contains a control character"
        }
        if name.hasPrefix(".") { return "starts with '.' (hidden names are reserved for temporaries)" }
        return nil
    }
}

/// A name that cannot be used as a file name, and why.
public struct PathComponentError: Error, Equatable, CustomStringConvertible {
    /// The rejected name (control characters shown escaped in `description`).
    public let value: String
    /// What is wrong, e.g. "contains a path separator".
    public let reason: String

    public var description: String {
        let shown = value.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return "'\(shown.count > 80 ? String(shown.prefix(80)) + "…" : shown)' \(reason)"
    }
}
