import ArgumentParser
import Batch
import Foundation
import GeoSupport
import Operations

/// `geotool kinds [--json]`: every batch job kind with its parameters (the schema checked at submit), the
/// same document as the API's `GET /api/v1/kinds`.
struct KindsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kinds",
        abstract: "List the batch job kinds and their parameters (type, range or choices, default, help).")

    @Flag(help: "JSON, as GET /api/v1/kinds answers.")
    var json = false

    func run() throws {
        let kinds = JobKinds.registry.descriptions
        if json {
            print(try BatchCLI.json(["kinds": kinds]))
            return
        }
        // Names in one column as wide as the longest (never cut).
        let width = max(16, kinds.flatMap(\.parameters).map { $0.name.count + ($0.numbered ? 1 : 0) }.max() ?? 0)
        for k in kinds {
            print(k.kind + (k.acceptsOtherNumbers ? " (also any other number)" : ""))
            for p in k.parameters {
                var type = p.type
                if let c = p.choices { type += " " + c.joined(separator: "|") }
                if p.minimum != nil || p.maximum != nil {
                    type += " " + [p.minimum, p.maximum].map { $0.map { ParameterValue.number($0).description } ?? "" }.joined(separator: "…")
                }
                if let s = p.suffix { type += " *\(s)" }
                let name = p.numbered ? p.name + "N" : p.name
                let extra = p.required ? "required" : p.defaultValue.map { "default \($0)" } ?? "optional"
                print("  \(name.padding(toLength: width, withPad: " ", startingAt: 0)) \(type); \(extra) — \(p.help)")
            }
        }
    }
}
