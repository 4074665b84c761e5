import Foundation

/// The text of a spec file (batch spec, TEM1D model spec): a regular UTF-8 file of at most `maxSize` bytes —
/// a spec is parameters, not data. Errors are one line saying why the file cannot be read.
public enum SpecText {
    /// Largest spec file read.
    public static let maxSize = 64 << 20

    /// The file's text; throws `SpecError` whose path is the file.
    public static func read(_ file: String) throws(SpecError) -> String {
        var info = stat()
        guard stat(file, &info) == 0 else {
            throw SpecError(path: file, message: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw SpecError(path: file, message: "is not a regular file") }
        guard info.st_size <= maxSize else {
            throw SpecError(path: file, message: "is \(info.st_size) bytes, more than a spec may be (\(maxSize))")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw SpecError(path: file, message: "cannot read the file (permission denied?)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw SpecError(path: file, message: "is not UTF-8 text") }
        return text
    }
}
