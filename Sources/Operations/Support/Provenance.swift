import Foundation
import Raster

/// Metadata written into every output geotool creates, so a file says how it was made — and, on a
/// re-run, that it is a complete geotool output (`CompleteOutput.marker` is `GEOTOOL_VERSION`).
public enum Provenance {
    /// `GEOTOOL_VERSION`, `GEOTOOL_COMMAND` (the full command line) and `GEOTOOL_INPUT`.
    public static func metadata(inputs: [String]) -> [String: String] {
        [
            CompleteOutput.marker: GeotoolVersion.current,
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
