/// A one-line user error from a command (bad option value, bad input): printed as
/// `Error: <message>` with exit code 1, without the usage text ArgumentParser adds to
/// `ValidationError`s. Line breaks in the message are folded so the error stays on one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message.split(whereSeparator: \.isNewline).joined(separator: " ") }
}
