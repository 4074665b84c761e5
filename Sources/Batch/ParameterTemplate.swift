import GeoSupport

/// A parameter string that contains references to upstream products (`ParameterReference`): literal
/// text and references in order. A value that is exactly one reference takes the referred value as is
/// (a number stays a number, a fan-in stays a list); references inside longer text are replaced by the
/// text of their (single) values. `${` always starts a reference.
public struct ParameterTemplate: Sendable, Equatable {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case reference(ParameterReference)
    }

    let segments: [Segment]

    /// The template in `value`, nil when it holds no reference. Throws `BatchError.invalidSpec` at `path`
    /// for a malformed reference.
    public static func parse(_ value: ParameterValue, path: String) throws -> ParameterTemplate? {
        guard case .string(let text) = value, text.contains("${") else { return nil }
        var segments: [Segment] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            if open.lowerBound > rest.startIndex { segments.append(.literal(String(rest[..<open.lowerBound]))) }
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw BatchError.invalidSpec(path: path, message: "'${' without a closing '}' in '\(text)'")
            }
            let body = String(rest[open.upperBound..<close])
            guard let reference = ParameterReference(body: body) else {
                throw BatchError.invalidSpec(path: path, message: """
                    '${\(body)}' is not a reference (expected ${STAGE.outputs}, ${STAGE.outputs.NAME}, ${STAGE.results.KEY} or ${STAGE.parameters.KEY})
                    """)
            }
            segments.append(.reference(reference))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.literal(String(rest))) }
        return ParameterTemplate(segments: segments)
    }

    /// The references, in order.
    public var references: [ParameterReference] {
        segments.compactMap { if case .reference(let r) = $0 { return r } else { return nil } }
    }

    /// The value with every reference replaced by `lookup`'s value; throws `BatchError.invalidSpec` at
    /// `path` when a list would have to be spliced into text.
    public func resolve(path: String, _ lookup: (ParameterReference) throws -> ParameterValue) throws -> ParameterValue {
        if segments.count == 1, case .reference(let r) = segments[0] { return try lookup(r) }
        var text = ""
        for segment in segments {
            switch segment {
            case .literal(let s): text += s
            case .reference(let r):
                let value = try lookup(r)
                if case .list = value {
                    throw BatchError.invalidSpec(path: path, message: "\(r) is a list (a barrier's fan-in) and cannot be part of a longer text")
                }
                text += value.description
            }
        }
        return .string(text)
    }
}
