import ArgumentParser
import Batch
import Foundation

/// Shared plumbing of the `batch` subcommands: opening stores, the child command, JSON output.
enum BatchCLI {
    /// This executable, for child processes and sbatch scripts.
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// The child command of process isolation.
    static var childCommand: [String] { [executablePath, "batch", "exec-job"] }

    /// JSON for `--json` outputs.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try e.encode(value), as: UTF8.self)
    }
}
