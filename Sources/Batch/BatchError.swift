import GeoSupport

/// Errors of the batch engine; each message is one line naming the file, key path or job.
public enum BatchError: Error, Equatable, CustomStringConvertible {
    /// A spec problem at a key path, e.g. `parameters.rainfall.sweep.num: must be > 0`.
    case invalidSpec(path: String, message: String)
    /// A spec file that cannot be read or parsed.
    case unreadableSpec(file: String, message: String)
    /// A job kind nobody registered.
    case unknownKind(String, known: [String])
    /// A run directory without a store, or a store problem.
    case store(path: String, message: String)
    /// A job was cancelled while running.
    case cancelled(jobID: Int64)
    /// A job ran past its timeout.
    case timeout(seconds: Double)
    /// A job's child process died or misbehaved.
    case childProcess(String)
    /// A bad command-line-level argument (shard, aggregate name, …).
    case invalidArgument(String)
    /// `sbatch` missing or failing.
    case slurm(String)

    public var description: String {
        switch self {
        case .invalidSpec(let path, let message): return "\(path): \(message)"
        case .unreadableSpec(let file, let message): return "\(file): \(message)"
        case .unknownKind(let k, let known):
            return "unknown job kind '\(k)' (known: \(known.joined(separator: ", ")))"
        case .store(let path, let message): return "\(path): \(message)"
        case .cancelled(let id): return "job \(id) cancelled"
        case .timeout(let s): return "timeout after \(ParameterValue.number(s))s"
        case .childProcess(let m): return m
        case .invalidArgument(let m): return m
        case .slurm(let m): return "slurm: \(m)"
        }
    }
}
