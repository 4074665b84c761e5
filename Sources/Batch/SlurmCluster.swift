import Foundation

/// The SLURM client commands: `sbatch` to submit (with dependencies), `scontrol show config` for limits.
/// Arguments go to the programs as an argument vector, never through a shell.
public struct SlurmCluster: Sendable {
    public var sbatch: String
    public var scontrol: String

    public init(sbatch: String = "sbatch", scontrol: String = "scontrol") {
        self.sbatch = sbatch
        self.scontrol = scontrol
    }

    /// `MaxArraySize` of the cluster (task indices must stay below it); SLURM's default 1001 when the
    /// configuration cannot be read.
    public func maxArraySize() -> Int {
        guard let out = try? Self.run(scontrol, ["show", "config"]) else { return 1001 }
        for line in out.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "MaxArraySize", let n = Int(parts[1]), n > 0 { return n }
        }
        return 1001
    }

    /// Submits `script` (after the jobs `afterAny` ended, and those of `afterOK` succeeded); returns its job id.
    public func submit(_ script: String, afterOK: [String] = [], afterAny: [String] = []) throws -> String {
        var arguments = ["--parsable"]
        var dependencies: [String] = []
        if !afterOK.isEmpty { dependencies.append("afterok:" + afterOK.joined(separator: ":")) }
        if !afterAny.isEmpty { dependencies.append("afterany:" + afterAny.joined(separator: ":")) }
        if !dependencies.isEmpty { arguments.append("--dependency=" + dependencies.joined(separator: ",")) }
        let out = try Self.run(sbatch, arguments + [script])
        guard let id = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first, !id.isEmpty else {
            throw BatchError.slurm("sbatch printed no job id for \(script)")
        }
        return String(id)
    }

    private static func run(_ program: String, _ arguments: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [program] + arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { throw BatchError.slurm("cannot run \(program): \(error.localizedDescription)") }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            let why = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw BatchError.slurm("\(program) failed (status \(p.terminationStatus)): \(why)")
        }
        return String(decoding: stdout, as: UTF8.self)
    }
}
