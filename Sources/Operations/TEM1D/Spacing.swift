import TEM1D

/// A `{start: S, stop: E, num: N}` mapping: N values from S to E inclusive, spaced linearly or logarithmically
/// (start and stop are the values themselves, not exponents). Used for gate times and for model parameters.
struct Spacing {
    let start: Double
    let stop: Double
    let num: Int

    /// Parses the mapping; `what` names the quantity in messages (values must be > 0).
    init(_ field: YAMLField, what: String) throws {
        try field.checkKeys(["start", "stop", "num"])
        start = try field.required("start").positive(what)
        stop = try field.required("stop").positive(what)
        num = try field.required("num").integer(in: 1...10_000_000)
    }

    /// The library's parameter spec for this spacing.
    func spec(logarithmic: Bool) -> LayerParameterSpec {
        logarithmic ? .logspace(from: start, to: stop, count: num) : .linspace(from: start, to: stop, count: num)
    }
}
