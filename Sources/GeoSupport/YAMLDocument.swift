import Yams

/// YAML (or JSON) text read into plain values — `[String: Any]`, `[Any]`, `String`, `Int`, `Double`,
/// `Bool`, `NSNull`, … — without the ways a hostile document can crash or exhaust a process: Yams' own
/// `load` traps on a mapping key that is not a scalar (`{[a]: 1}`, `? [x] : y`) and on some tagged
/// collections (`!!set`, `!!omap`), and expands aliases into copies (a "billion laughs" document of a few
/// hundred bytes becomes 10⁹ values). Here keys must be scalars, collection tags are ignored, and the
/// document may hold at most `maxValues` values after alias expansion and nest at most `maxDepth` deep.
public enum YAMLDocument {
    /// Most values (scalars, mappings, sequences; aliases counted each time they are used) one document may hold.
    public static let maxValues = 1_000_000
    /// Deepest nesting accepted.
    public static let maxDepth = 200

    /// The document in `text` as plain values; nil for an empty document. Throws `YAMLDocumentError`.
    public static func load(_ text: String) throws(YAMLDocumentError) -> Any? {
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            let line = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            throw YAMLDocumentError(message: "not valid YAML/JSON: \(line)")
        }
        guard let root else { return nil }
        var budget = maxValues
        return try value(root, depth: 0, budget: &budget)
    }

    private static func value(_ node: Node, depth: Int, budget: inout Int) throws(YAMLDocumentError) -> Any {
        budget -= 1
        guard budget >= 0 else {
            throw YAMLDocumentError(message: "more than \(maxValues) values (aliases expanded); refused")
        }
        guard depth <= maxDepth else { throw YAMLDocumentError(message: "nested more than \(maxDepth) levels deep") }
        switch node {
        case .scalar(let scalar):
            return Constructor.default.any(from: .scalar(scalar))
        case .sequence(let sequence):
            var out: [Any] = []
            for item in sequence { out.append(try value(item, depth: depth + 1, budget: &budget)) }
            return out
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (k, v) in mapping {
                guard case .scalar(let key) = k else {
                    throw YAMLDocumentError(message: "line \(k.mark?.line ?? 0): a mapping key must be a plain value, not a list or mapping")
                }
                out[key.string] = try value(v, depth: depth + 1, budget: &budget)
            }
            return out
        }
    }
}

/// Why a YAML document was refused (one line).
public struct YAMLDocumentError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
