/// A one-line error of an operation in domain words: the file, field or parameter it concerns and the problem
/// (`dem.tif: the DEM has no geotransform`). It never names a command-line flag; the CLI maps fields to flags
/// where it must. Line breaks in the message are folded so the error stays on one line.
public struct OperationError: Error, CustomStringConvertible, Equatable, Sendable {
    public let description: String

    /// An error with `message` (line breaks folded).
    public init(_ message: String) {
        description = message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
