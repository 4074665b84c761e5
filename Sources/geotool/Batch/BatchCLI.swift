import ArgumentParser
import Batch
import Foundation

/// Shared plumbing of the `batch` subcommands: opening stores, the child command, error reporting.
enum BatchCLI {
    /// Opens RUN's store or reports one line and exits non-zero.
    static func openStore(_ run: String, create: Bool = false) throws -> JobStore {
        try reporting("batch") { try JobStore(runDirectory: run, create: create) }
    }

    /// Runs `body`; a `BatchError` becomes one stderr line `geotool <command>: …` and exit 1.
    static func reporting<T>(_ command: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as BatchError {
            Console.error("geotool \(command): \(e)")
            throw ExitCode.failure
        }
    }

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
