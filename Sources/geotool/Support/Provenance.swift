import Foundation

/// Metadata written into every output geotool creates, so a file says how it was made.
enum Provenance {
    /// `GEOTOOL_VERSION`, `GEOTOOL_COMMAND` (the full command line) and `GEOTOOL_INPUT`.
    static func metadata(inputs: [String]) -> [String: String] {
        [
            "GEOTOOL_VERSION": GeotoolVersion.current,
            "GEOTOOL_COMMAND": CommandLine.arguments.map(shellQuoted).joined(separator: " "),
            "GEOTOOL_INPUT": inputs.joined(separator: ","),
        ]
    }

    private static func shellQuoted(_ s: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !s.isEmpty && s.allSatisfy({ safe.contains($0) }) { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
