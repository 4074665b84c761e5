/// Errors of the Resample module; `description` is one line for the CLI.
public enum ResampleError: Error, CustomStringConvertible, Sendable {
    /// A bad option value (the message names the option).
    case invalidOption(String)
    /// The input cannot be processed as asked (the message names the file).
    case invalidInput(path: String, String)
    /// The pipeline was cancelled by the caller.
    case cancelled

    public var description: String {
        switch self {
        case .invalidOption(let m): return m
        case .invalidInput(let path, let m): return "\(path): \(m)"
        case .cancelled: return "cancelled"
        }
    }
}
