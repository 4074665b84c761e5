import Foundation

/// A value of a parsed YAML/JSON document (`YAMLDocument`) together with its key path, so every typed
/// accessor can throw a `SpecError` naming exactly where the problem is. The one reader of spec
/// documents: batch specs and TEM1D model specs.
public struct SpecNode {
    public let value: Any
    /// Dotted key path (`parameters.rainfall.sweep.num`); list items as `[i]`.
    public let path: String

    public init(_ value: Any, path: String) {
        self.value = value
        self.path = path
    }

    /// An error at this node.
    public func fail(_ message: String) -> SpecError { SpecError(path: path, message: message) }

    /// The mapping, keyed by string.
    public func mapping() throws -> [String: Any] {
        if let m = value as? [String: Any] { return m }
        if let m = value as? [AnyHashable: Any] {
            var out: [String: Any] = [:]
            for (k, v) in m { out["\(k.base)"] = v }
            return out
        }
        throw fail("must be a mapping")
    }

    public var isMapping: Bool { (try? mapping()) != nil }

    public func sequence() throws -> [SpecNode] {
        guard let a = value as? [Any] else { throw fail("must be a list") }
        return a.enumerated().map { SpecNode($0.element, path: "\(path)[\($0.offset)]") }
    }

    public func string() throws -> String {
        if let s = value as? String { return s }
        throw fail("must be a string")
    }

    public func double() throws -> Double {
        let d: Double?
        switch value {
        case let v as Double: d = v
        case let i as Int: d = Double(i)
        case let s as String: d = Double(s)
        default: d = nil
        }
        guard let d else { throw fail("must be a number") }
        guard d.isFinite else { throw fail("must be a finite number") }
        return d
    }

    public func int() throws -> Int {
        let d = try double()
        guard d == d.rounded(), abs(d) < 1e15 else { throw fail("must be an integer") }
        return Int(d)
    }

    /// A scalar as a parameter value (numbers stay numbers; booleans become 0/1).
    public func parameterValue() throws -> ParameterValue {
        switch value {
        case let b as Bool: return .number(b ? 1 : 0)
        case let d as Double: return .number(d)
        case let i as Int: return .number(Double(i))
        case let s as String: return .string(s)
        default: throw fail("must be a number or a string")
        }
    }

    /// A child by key; nil when absent.
    public func optional(_ key: String) throws -> SpecNode? {
        try mapping()[key].flatMap { $0 is NSNull ? nil : SpecNode($0, path: child(key)) }
    }

    /// A required child by key.
    public func required(_ key: String) throws -> SpecNode {
        guard let n = try optional(key) else { throw SpecError(path: child(key), message: "is required") }
        return n
    }

    /// Rejects keys outside `allowed` (catches typos such as `nmu:`).
    public func checkKeys(_ allowed: Set<String>) throws {
        for key in try mapping().keys.sorted() where !allowed.contains(key) {
            throw SpecError(path: child(key), message: "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
