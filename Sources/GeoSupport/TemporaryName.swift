import Foundation

/// The hidden name an output is written under until it is complete — `.NAME.tmp-PID-RANDOM` beside
/// `NAME`, so it is on the same file system (rename is atomic) and hidden — and the way back from it,
/// so messages name the user's output, never the temporary.
public enum TemporaryName {
    /// A fresh temporary path for the output `path` (same directory, spelled like `path`: relative stays relative).
    public static func forOutput(_ path: String) -> String {
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        let name = ".\((path as NSString).lastPathComponent).tmp-\(unique)"
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name)
    }

    /// Whether `file` is `temporary` itself or a file derived from it (GDAL side-cars such as `.aux.xml`,
    /// `.ovr`, `.msk`, a COG staging copy `.cog`, the COG driver's `.ovr.tmp`): the names to remove
    /// when the write is abandoned. Both are file names (last path components).
    public static func isDerived(_ file: String, from temporary: String) -> Bool {
        file == temporary || file.hasPrefix(temporary + ".")
    }

    /// Whether the file name `file` is a temporary of some output (or derived from one): `.NAME.tmp-…`.
    public static func isTemporary(_ file: String) -> Bool {
        file.hasPrefix(".") && file.contains(".tmp-")
    }

    /// `text` with every temporary spelling (and its derived side-car suffixes) replaced by the output
    /// path it stands for: `/out/.a.tif.tmp-12-34.cog: disk full` → `/out/a.tif: disk full`.
    public static func userFacing(_ text: String) -> String {
        guard text.contains(".tmp-"),
              let regex = try? NSRegularExpression(pattern: #"(^|/|\s|')\.([^/\s']+?)\.tmp-[0-9]+-[0-9]+(?:\.(?:cog|aux\.xml|ovr|msk|tmp))*"#)
        else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return regex.stringByReplacingMatches(in: text, range: range, withTemplate: "$1$2")
    }
}
