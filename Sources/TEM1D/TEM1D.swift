/// Namespace for the one-call API. For many models build a `ForwardModeller` once and reuse it.
public enum TEM1D {
    /// Forward response of `model` for `system` (ideal step-off unless the system has a ramp; 1 A).
    /// Builds the per-system precomputation each call: prefer `ForwardModeller` for more than one model.
    public static func forward(model: LayeredModel, system: TEMSystem,
                               hankelFilter: HankelFilter = .key201,
                               accuracy: TransformAccuracy = .high) throws -> Response {
        try model.validate()
        return try ForwardModeller(system: system, hankelFilter: hankelFilter, accuracy: accuracy).forward(model)
    }

    /// Forward responses of many models, reusing the per-system precomputation (sequential; see `ChunkedRunner`
    /// for the parallel version).
    public static func forward(models: [LayeredModel], system: TEMSystem,
                               hankelFilter: HankelFilter = .key201,
                               accuracy: TransformAccuracy = .high) throws -> [Response] {
        for m in models { try m.validate() }
        return try ForwardModeller(system: system, hankelFilter: hankelFilter, accuracy: accuracy).forward(models)
    }
}
