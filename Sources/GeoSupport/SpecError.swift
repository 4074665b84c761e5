/// A problem in a spec document at a key path, e.g. `parameters.rainfall.sweep.num: must be > 0` (one line).
public struct SpecError: Error, Equatable, CustomStringConvertible {
    /// Dotted key path of the offending value (`layers[1].rho.sweep.num`).
    public let path: String
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}
