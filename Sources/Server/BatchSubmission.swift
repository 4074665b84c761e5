import Batch
import Foundation

/// Turns a JSON spec into a stored batch exactly as `geotool batch submit` does: parse with the
/// spec schema, look up the job kind, check file parameters against the policy, validate every
/// job with its kind, then store. Every problem is a `BatchError` naming the field.
struct BatchSubmission: Sendable {
    let store: JobStore
    let registry: JobRegistry
    let policy: FileParameterPolicy

    /// Stores the batch described by `object` (a spec as a JSON object).
    func submit(_ object: [String: Any], defaultName: String) throws -> BatchInfo {
        // The spec parser reads YAML; compact JSON (no tabs, no line breaks) is always valid YAML.
        let text = try Self.canonicalJSON(object)
        let spec = try BatchSpec.parse(text, defaultName: defaultName)
        let runner = try registry.runner(for: spec.kind)
        try policy.check(spec)
        let id = try store.submit(spec, specText: text, validate: runner.validate)
        return try store.batch(id)
    }

    /// `object` as compact JSON with sorted keys.
    static func canonicalJSON(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
