import TEM1D

/// The response quantity `tem1d run` writes: −dBz/dt (T/s per A) or the step-off Bz (T per A).
public enum TEM1DQuantity: String, CaseIterable, Sendable {
    case dbdt
    case b

    /// The values of `response` for this quantity, one per gate.
    public func values(_ response: Response) -> [Double] {
        self == .dbdt ? response.dbzdt : response.bz
    }

    /// Unit and sign convention, for documentation and the NPY sidecar.
    public var unit: String {
        self == .dbdt ? "-dBz/dt in T/s per A (positive decay)" : "Bz after switch-off in T per A"
    }
}
