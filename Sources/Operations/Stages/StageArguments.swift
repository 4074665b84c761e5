import Foundation
import Batch
import GeoSupport

/// Typed reads of a job's parameters after its schema has checked them (`ParameterSchema.validate`): a stage
/// turns them into its typed parameters with these, so each key is read one way everywhere.
struct StageArguments {
    let parameters: JobParameters

    init(_ parameters: JobParameters) { self.parameters = parameters }

    /// The value of `key` as text (a number as its shortest text), or nil when absent.
    func text(_ key: String) -> String? { parameters[key]?.description }

    /// The number of `key`, or nil when absent.
    func number(_ key: String) -> Double? { parameters[key]?.doubleValue }

    /// The integer of `key` (the schema has checked it is one), or nil when absent.
    func integer(_ key: String) -> Int? { number(key).map { Int($0) } }

    /// The on/off value of `key`, or `fallback` when absent.
    func flag(_ key: String, default fallback: Bool = false) -> Bool {
        parameters[key].flatMap(ParameterDeclaration.flagValue) ?? fallback
    }

    /// The words of a comma-separated list (`LST, LST_err` → `["LST", "LST_err"]`), empty ones dropped.
    func list(_ key: String) -> [String] {
        (text(key) ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The pair `keyX`, `keyY` when both are given, nil when neither is; one alone is an error naming the other.
    func pair(_ keyX: String, _ keyY: String) throws -> (x: Double, y: Double)? {
        switch (number(keyX), number(keyY)) {
        case (let x?, let y?): return (x, y)
        case (nil, nil): return nil
        case (nil, _?): throw StageParameterError(keyX, "is required with \(keyY)")
        case (_?, nil): throw StageParameterError(keyY, "is required with \(keyX)")
        }
    }
}
