import TEM1D

/// How the `tem1d-chunk` job kind reads its files: the central-loop system file and a model file (a CSV table
/// or a YAML spec) — the same readers as `tem1d run`, given by whoever builds the registry.
public struct TEM1DFileReaders: Sendable {
    /// The system at a path; errors name the file, line and key.
    public var system: @Sendable (String) throws -> TEMSystem
    /// The validated models of a file; errors name the file and the row or key.
    public var models: @Sendable (String) throws -> [LayeredModel]

    /// Readers of system files (`system`) and model files (`models`).
    public init(system: @escaping @Sendable (String) throws -> TEMSystem,
                models: @escaping @Sendable (String) throws -> [LayeredModel]) {
        self.system = system
        self.models = models
    }
}
