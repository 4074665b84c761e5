import GeoSupport

/// Why a table could not be written: one line naming the destination (connection strings with their password
/// redacted) and the problem. When it is thrown, nothing was written.
public struct TableError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The driver is unknown or cannot write vector tables; or no driver could be told from the name.
        case unknownDriver
        /// The destination cannot be opened or created (missing directory, unreachable server, bad credentials).
        case cannotOpen
        /// The table exists and the mode is `create`.
        case tableExists
        /// The driver cannot do what was asked (e.g. append to a single-table file format).
        case unsupported
        /// A row does not fit the schema or the destination table.
        case invalidRow
        /// Writing, committing or moving the result into place failed (everything was rolled back).
        case writeFailed
    }

    public let kind: Kind
    /// The destination as shown to users (password redacted), if known.
    public let destination: String?
    public let message: String

    public init(_ kind: Kind, destination: String?, _ message: String) {
        self.kind = kind
        self.destination = destination.map { PasswordRedaction.redact(TemporaryName.userFacing($0)) }
        self.message = PasswordRedaction.redact(TemporaryName.userFacing(message))
    }

    public var description: String {
        let line = destination.map { "\($0): \(message)" } ?? message
        return line.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " ")
    }
}
