import ArgumentParser
import Foundation

/// `geotool make-fixtures DIR` (hidden): regenerates the bundled test fixtures byte for byte.
struct MakeFixturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make-fixtures",
        abstract: "Regenerate the bundled test fixtures (deterministic).",
        shouldDisplay: false)

    @Argument(help: "Output directory (created if missing).")
    var directory: String = "fixtures"

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FixtureGenerator(directory: directory).generateAll()
        Console.error("fixtures written to \(directory)")
    }
}
