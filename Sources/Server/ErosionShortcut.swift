import Batch
import Foundation

/// `POST …/simulations/parallel`, the seed's erosion shortcut: `{"dem": PATH, "scenarios": [{…}, …]}`
/// (optional `name`, `priority`, `max_retries`, `timeout`, `isolation`) becomes the spec of one
/// batch of the configured erosion job kind (`ServerConfiguration.erosionShortcutKind`): `inputs: {dem}`, and each scenario key a zipped `list`
/// parameter (scenario i is job i). Every scenario must have the same keys, each a number or string.
enum ErosionShortcut {
    static let passThrough: Set<String> = ["name", "priority", "max_retries", "retry_backoff", "timeout", "isolation"]

    /// The spec object for `body`, a batch of `kind`; errors name the field (`dem`, `scenarios[2].rainfall`).
    static func spec(from body: [String: Any], kind: String) throws -> [String: Any] {
        for key in body.keys.sorted() where key != "dem" && key != "scenarios" && !passThrough.contains(key) {
            throw BatchError.invalidSpec(path: key, message: "unknown key (expected dem, scenarios, \(passThrough.sorted().joined(separator: ", ")))")
        }
        guard let dem = body["dem"] as? String, !dem.isEmpty else {
            throw BatchError.invalidSpec(path: "dem", message: "is required: the DEM path (string)")
        }
        guard let scenarios = body["scenarios"] as? [Any], !scenarios.isEmpty else {
            throw BatchError.invalidSpec(path: "scenarios", message: "is required: a non-empty list of scenario objects")
        }
        var columns: [String: [Any]] = [:]
        var keys: Set<String>?
        for (i, item) in scenarios.enumerated() {
            guard let scenario = item as? [String: Any], !scenario.isEmpty else {
                throw BatchError.invalidSpec(path: "scenarios[\(i)]", message: "must be a non-empty object")
            }
            if let k = keys, k != Set(scenario.keys) {
                throw BatchError.invalidSpec(path: "scenarios[\(i)]",
                                             message: "has keys \(scenario.keys.sorted()); every scenario needs \(k.sorted())")
            }
            keys = Set(scenario.keys)
            for (key, value) in scenario {
                guard value is String || value is NSNumber else {
                    throw BatchError.invalidSpec(path: "scenarios[\(i)].\(key)", message: "must be a number or a string")
                }
                columns[key, default: []].append(value)
            }
        }
        var spec: [String: Any] = [
            "name": "erosion-scenarios", "kind": kind, "inputs": ["dem": dem],
            "parameters": columns.mapValues { ["list": $0] },
        ]
        for key in passThrough where body[key] != nil { spec[key] = body[key] }
        return spec
    }
}
