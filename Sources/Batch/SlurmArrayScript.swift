import Foundation
import GeoSupport

/// An sbatch job-array script whose task k runs `geotool batch run RUN --shard k/N`, and its submission.
///
/// All tasks share `RUN/batch.sqlite` (SQLite locking works on one node and on shared file systems
/// with POSIX locks); use `batch merge` when shards ran on copies of the run directory instead.
public struct SlurmArrayScript: Sendable, Equatable {
    /// Absolute paths.
    public var geotool: String
    public var runDirectory: String
    /// Array size N (tasks 0…N−1).
    public var tasks: Int
    public var workersPerTask = 1
    public var partition: String?
    /// `--time` (e.g. `00:30:00`).
    public var time: String?
    public var jobName = "geotool-batch"

    public init(geotool: String, runDirectory: String, tasks: Int) {
        self.geotool = geotool
        self.runDirectory = runDirectory
        self.tasks = tasks
    }

    /// `RUN/slurm`: the script and the task logs.
    public var directory: String { (runDirectory as NSString).appendingPathComponent("slurm") }
    public var scriptPath: String { (directory as NSString).appendingPathComponent("batch-array.sbatch") }

    public var text: String {
        var lines = [
            "#!/bin/bash",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=0-\(tasks - 1)",
            "#SBATCH --cpus-per-task=\(workersPerTask)",
            "#SBATCH --output=\(directory)/task-%A_%a.log",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time { lines.append("#SBATCH --time=\(time)") }
        lines += [
            "# Task k runs shard k/\(tasks) of every batch in the run directory; re-running a task resumes it.",
            "exec \(Self.quote(geotool)) batch run \(Self.quote(runDirectory)) --shard \"${SLURM_ARRAY_TASK_ID}/\(tasks)\" --jobs \(workersPerTask) --no-progress",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the script into `RUN/slurm/` (durably: `DurableFile`).
    public func write() throws {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try DurableFile.write(Array(text.utf8), to: scriptPath)
        } catch let error as DurableFileError {
            throw BatchError.slurm("\(scriptPath): cannot write the script: \(error.reason)")
        } catch {
            throw BatchError.slurm("\(scriptPath): cannot write the script: \(error.localizedDescription)")
        }
    }

    /// Runs `sbatch --parsable` on the script; returns the SLURM job id.
    public func submit(sbatch: String = "sbatch") throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [sbatch, "--parsable", scriptPath]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw BatchError.slurm("cannot run \(sbatch): \(error.localizedDescription)") }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard p.terminationStatus == 0, let id = text.split(separator: ";").first, !id.isEmpty else {
            let why = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BatchError.slurm("sbatch failed (status \(p.terminationStatus)): \(why.isEmpty ? text : why)")
        }
        return String(id)
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
