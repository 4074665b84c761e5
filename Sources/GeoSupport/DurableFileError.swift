import Foundation

/// A durable write that failed: the output as the user named it (never a temporary) and what went
/// wrong, in one line (`/out/a.png: cannot write: No space left on device`).
public struct DurableFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file the error concerns: the output being written (or a file being copied into it).
    public let path: String
    /// What went wrong, without the path.
    public let reason: String

    /// Any temporary name in `path` or `reason` is replaced by the output it stands for (`TemporaryName`).
    public init(path: String, reason: String) {
        self.path = TemporaryName.userFacing(path)
        let mapped = TemporaryName.userFacing(reason)
        self.reason = mapped.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// `reason` followed by the system's text for `errno` (a positive error number).
    init(path: String, _ what: String, errno code: Int32) {
        self.init(path: path, reason: "\(what): \(String(cString: strerror(code)))")
    }

    public var description: String { "\(path): \(reason)" }
}
