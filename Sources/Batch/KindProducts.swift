/// The named things a job kind produces, which a later workflow stage may refer to: output files by
/// name (`${stage.outputs.NAME}` is the output whose file name, or file name without its extensions, is
/// NAME) and result values by key (`${stage.results.KEY}`). A reference to anything not declared here
/// is rejected when the workflow is submitted. Every output, named or not, is in `${stage.outputs}`.
public struct KindProducts: Sendable, Equatable, Codable {
    /// Output names (file names or their stems, e.g. `summary` for `summary.csv`).
    public var outputs: [String]
    /// Result value keys.
    public var results: [String]

    public init(outputs: [String] = [], results: [String] = []) {
        self.outputs = outputs
        self.results = results
    }

    /// Whether `name` names the output file `path` (its last component, whole or up to the first dot); a
    /// name with `*` is a pattern matched against the whole file name (`*` matches any run of characters).
    public static func output(_ path: String, isNamed name: String) -> Bool {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        if name.contains("*") { return matches(Substring(file), pattern: Substring(name)) }
        return file == name || file.split(separator: ".", maxSplits: 1).first.map(String.init) == name
    }

    private static func matches(_ s: Substring, pattern: Substring) -> Bool {
        guard let star = pattern.firstIndex(of: "*") else { return s == pattern }
        let head = pattern[..<star], rest = pattern[pattern.index(after: star)...]
        guard s.hasPrefix(head) else { return false }
        var tail = s.dropFirst(head.count)
        while true {
            if matches(tail, pattern: rest) { return true }
            if tail.isEmpty { return false }
            tail = tail.dropFirst()
        }
    }
}
