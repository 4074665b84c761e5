import Batch

/// A bad value of one stage parameter, named by its key (`tr_x`, `points`) and never by a command-line flag:
/// the batch engine reports it as `parameters.<key>` (`batchError`), the CLI names the flag it maps the key to.
public struct StageParameterError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The parameter's key in the stage's schema.
    public let key: String
    /// What is wrong, without the key.
    public let message: String

    /// An error about parameter `key`.
    public init(_ key: String, _ message: String) {
        self.key = key
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    public var description: String { "\(key): \(message)" }

    /// The same error as the batch engine words a bad spec: `parameters.<key>: <message>`.
    public var batchError: BatchError { .invalidSpec(path: "parameters.\(key)", message: message) }

    /// Runs `body`, turning a `StageParameterError` into the batch engine's `BatchError.invalidSpec`.
    static func asSpecError<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StageParameterError { throw e.batchError }
    }
}
