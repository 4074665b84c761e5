/// Errors of block aggregation and reprojection, in the domain's words (a parameter's name, never a
/// command-line flag: the CLI maps `ResampleParameter` to its options).
public enum ResampleError: Error, CustomStringConvertible, Sendable {
    /// A bad parameter value.
    case invalidParameter(ResampleParameter, String)
    /// The input cannot be processed as asked (the message names the file).
    case invalidInput(path: String, String)
    /// The pipeline was cancelled by the caller.
    case cancelled

    public var description: String {
        switch self {
        case .invalidParameter(let p, let m): return "\(p.rawValue): \(m)"
        case .invalidInput(let path, let m): return "\(path): \(m)"
        case .cancelled: return "cancelled"
        }
    }
}

/// The parameters of a block aggregation that a caller chooses.
public enum ResampleParameter: String, Sendable, CaseIterable {
    case factor
    case targetResolution = "target resolution"
    case targetExtent = "target extent"
    case minimumValidFraction = "minimum valid fraction"
    case outputType = "output type"
}
