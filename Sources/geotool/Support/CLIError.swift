import Foundation

/// A one-line user error from a command (bad option value, bad input). Like every error a command throws,
/// `Geotool.main` prints it as `geotool <command path>: <message>` with exit status 1, without usage text.
/// Line breaks in the message are folded so the error stays on one line.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = Self.oneLine(message) }

    /// The message of any error on one line: a Foundation error's localized description ("The file “x”
    /// couldn’t be opened because there is no such file.", never the raw `Error Domain=… UserInfo={…}` dump),
    /// otherwise the error's own description (library errors describe themselves in domain words); line
    /// breaks folded into spaces.
    static func message(_ error: Error) -> String {
        let text: String
        if let e = error as? LocalizedError, let d = e.errorDescription {
            text = d
        } else if type(of: error) is NSError.Type || error is CocoaError {
            text = (error as NSError).localizedDescription
        } else {
            text = String(describing: error)
        }
        return oneLine(text)
    }

    /// `text` with its lines joined by single spaces (blank lines dropped).
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
