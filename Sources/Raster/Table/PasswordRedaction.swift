import Foundation

/// Removes passwords from connection strings and from any message that may quote one: `password=…` (libpq
/// keyword form, quoted or not, any case) and the `user:password@` of a `postgresql://` URI.
public enum PasswordRedaction {
    private static let keyword = try! NSRegularExpression(
        pattern: #"(password\s*=\s*)('(?:[^'\\]|\\.)*'?|[^\s'"]+)"#, options: [.caseInsensitive])
    private static let uri = try! NSRegularExpression(
        pattern: #"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*(@)"#, options: [.caseInsensitive])

    /// `text` with every password replaced by `***`.
    public static func redact(_ text: String) -> String {
        guard text.range(of: "password", options: .caseInsensitive) != nil || text.contains("://") else { return text }
        var out = text
        var range = NSRange(out.startIndex..., in: out)
        out = keyword.stringByReplacingMatches(in: out, range: range, withTemplate: "$1***")
        range = NSRange(out.startIndex..., in: out)
        out = uri.stringByReplacingMatches(in: out, range: range, withTemplate: "$1***$2")
        return out
    }
}
