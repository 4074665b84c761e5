import Batch
import Foundation

/// Turns a JSON spec into a stored batch exactly as `geotool batch submit` does: parse with the
/// spec schema, count its jobs against the server's cap (before expanding anything), look up the job
/// kind, check file parameters against the policy, validate every job with its kind's schema while
/// expanding it into the store. Every problem is a `BatchError` naming the field.
struct BatchSubmission: Sendable {
    let store: JobStore
    let registry: JobRegistry
    let policy: FileParameterPolicy
    /// The server's own cap on the jobs of one request (`ServerConfiguration.maxJobsPerRequest`).
    let maxJobs: Int

    /// Stores the batch described by `object` (a spec as a JSON object).
    func submit(_ object: [String: Any], defaultName: String) throws -> BatchInfo {
        // The spec parser reads YAML; compact JSON (no tabs, no line breaks) is always valid YAML.
        let text = try Self.canonicalJSON(object)
        let spec = try BatchSpec.parse(text, defaultName: defaultName)
        _ = try spec.jobCount(limit: maxJobs)
        let runner = try registry.runner(for: spec.kind)
        try policy.check(spec, schema: runner.schema)
        let id = try store.submit(spec, specText: text, limit: maxJobs, validate: runner.check)
        return try store.batch(id)
    }

    /// `object` as compact JSON with sorted keys.
    static func canonicalJSON(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
