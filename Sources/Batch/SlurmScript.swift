import Foundation
import GeoSupport

/// An sbatch script: an array step (task i works shard OFFSET + i of a step) or a merge job. The command
/// is an argument vector (each argument shell-quoted); the argument `SlurmScript.shardArgument` stands for
/// the task's shard directory.
public struct SlurmScript: Sendable, Equatable {
    /// Stands for the array task's shard directory in a task command.
    public static let shardArgument = "{shard}"

    public var jobName: String
    /// For an array: its size (tasks 0…size−1) and the shard index of its task 0, and the step's shards directory.
    public var array: (size: Int, offset: Int, shards: String)?
    public var command: [String]
    public var logPattern: String
    public var cpusPerTask = 1
    public var partition: String?
    public var time: String?

    public init(jobName: String, command: [String], logPattern: String) {
        self.jobName = jobName
        self.command = command
        self.logPattern = logPattern
    }

    public static func == (a: SlurmScript, b: SlurmScript) -> Bool { a.text == b.text }

    public var text: String {
        var lines = ["#!/bin/bash", "#SBATCH --job-name=\(Self.quote(jobName))"]
        if let array { lines.append("#SBATCH --array=0-\(array.size - 1)") }
        lines += ["#SBATCH --cpus-per-task=\(cpusPerTask)", "#SBATCH --output=\(logPattern)"]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        var arguments = command.map(Self.quote)
        if let array {
            lines += [
                "# Task i works its own shard store, \(array.shards)/<\(array.offset) + i>; no other process opens it",
                "# until the step's merge job runs (no SQLite file is shared between nodes).",
                "SHARD=\(Self.quote(array.shards))/$((\(array.offset) + SLURM_ARRAY_TASK_ID))",
            ]
            arguments = command.map { $0 == Self.shardArgument ? "\"$SHARD\"" : Self.quote($0) }
        }
        lines.append("exec " + arguments.joined(separator: " "))
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the script to `path` durably.
    public func write(to path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try DurableFile.write(Array(text.utf8), to: path)
        } catch let error as DurableFileError {
            throw BatchError.slurm("\(path): cannot write the script: \(error.reason)")
        } catch {
            throw BatchError.slurm("\(path): cannot write the script: \(error.localizedDescription)")
        }
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
