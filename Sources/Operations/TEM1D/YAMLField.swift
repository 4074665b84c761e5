import Foundation
import Yams

/// One node of a parsed YAML file together with the file name, its key path and its line, so that every
/// accessor fails with a one-line `OperationError` naming the exact place, e.g.
/// `system.yaml: line 7, times.logspace.num: must be an integer`.
struct YAMLField {
    let node: Node
    /// The file the document came from.
    let file: String
    /// Dotted key path (`layers[1].rho.uniform.low`); empty for the document root.
    let path: String

    /// Reads and parses `file` (one YAML document).
    static func load(file: String) throws -> YAMLField {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw OperationError("\(file): cannot read the file")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            let first = "\(error)".split(whereSeparator: \.isNewline).first.map(String.init) ?? "\(error)"
            throw OperationError("\(file): not valid YAML: \(first)")
        }
        guard let root else { throw OperationError("\(file): the file is empty") }
        return YAMLField(node: root, file: file, path: "")
    }

    /// A one-line error at this node: file, line, key path and `message`.
    func error(_ message: String) -> OperationError {
        var place = node.mark.map { ["line \($0.line)"] } ?? []
        place.append(path.isEmpty ? "top level" : path)
        return OperationError("\(file): \(place.joined(separator: ", ")): \(message)")
    }

    /// The keys of a mapping, in file order.
    func keys() throws -> [String] {
        guard let mapping = node.mapping else { throw error("must be a mapping (key: value)") }
        return mapping.map { $0.key.string ?? "\($0.key)" }
    }

    /// Whether the node is a mapping / a sequence.
    var isMapping: Bool { node.mapping != nil }
    var isSequence: Bool { node.sequence != nil }

    /// The child at `key` of a mapping, or nil when absent or null.
    func optional(_ key: String) throws -> YAMLField? {
        guard let mapping = node.mapping else { throw error("must be a mapping (key: value)") }
        guard let child = mapping.first(where: { $0.key.string == key })?.value, child.null == nil else { return nil }
        return YAMLField(node: child, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The child at `key`; an error naming the key when it is missing.
    func required(_ key: String) throws -> YAMLField {
        guard let child = try optional(key) else {
            throw YAMLField(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)").error("is required")
        }
        return child
    }

    /// Rejects keys outside `allowed` (catches typos such as `loop_raduis:`).
    func checkKeys(_ allowed: [String]) throws {
        for key in try keys() where !allowed.contains(key) {
            let child = try optional(key) ?? self
            throw YAMLField(node: child.node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
                .error("unknown key (expected one of: \(allowed.joined(separator: ", ")))")
        }
    }

    /// The items of a sequence, with paths `path[i]`.
    func items() throws -> [YAMLField] {
        guard let sequence = node.sequence else { throw error("must be a list") }
        return sequence.enumerated().map { YAMLField(node: $0.element, file: file, path: "\(path)[\($0.offset)]") }
    }

    /// A finite number.
    func number() throws -> Double {
        guard let scalar = node.scalar else { throw error("must be a number") }
        let v = node.float ?? Double(scalar.string.trimmingCharacters(in: .whitespaces))
        guard let v, v.isFinite else { throw error("'\(scalar.string)' is not a finite number") }
        return v
    }

    /// A number that must be > 0 (`what` describes it in the message, e.g. "a resistivity (ohm·m)").
    func positive(_ what: String) throws -> Double {
        let v = try number()
        guard v > 0 else { throw error("\(v) is not a valid \(what): must be > 0") }
        return v
    }

    /// A number that must be >= 0.
    func nonNegative(_ what: String) throws -> Double {
        let v = try number()
        guard v >= 0 else { throw error("\(v) is not a valid \(what): must be >= 0") }
        return v
    }

    /// An integer within `range`.
    func integer(in range: ClosedRange<Int>) throws -> Int {
        let v = try number()
        guard v == v.rounded(), let i = Int(exactly: v), range.contains(i) else {
            throw error("must be an integer in \(range.lowerBound)...\(range.upperBound), got \(v)")
        }
        return i
    }

    /// A string scalar.
    func text() throws -> String {
        guard let scalar = node.scalar else { throw error("must be a string") }
        return scalar.string
    }

    /// The single key of a one-entry mapping such as `{logspace: {...}}`, checked against `allowed`.
    func singleKey(_ allowed: [String]) throws -> (key: String, value: YAMLField) {
        let keys = try keys()
        guard keys.count == 1 else {
            throw error("must have exactly one of: \(allowed.joined(separator: ", "))")
        }
        try checkKeys(allowed)
        return (keys[0], try required(keys[0]))
    }
}
