/// One scenario as written in a scenario file: a name plus factor values to *set* (replacing the
/// base value) and factor *multipliers* (applied after setting).
///
///     - {name: protected, set: {C: 0.05}, multiply: {P: 0.5}}
public struct Scenario: Sendable, Hashable, Codable {
    public var name: String
    public var set: FactorValues?
    public var multiply: FactorMultipliers?

    public init(name: String, set: FactorValues? = nil, multiply: FactorMultipliers? = nil) {
        self.name = name
        self.set = set
        self.multiply = multiply
    }

    /// The factors of this scenario on top of `base`: each factor is `set ?? base`, times `multiply`.
    /// - Throws: `ErosionError.invalidScenario` when a factor has no value, a multiplier or scalar is
    ///   negative or not finite, or the product of the scalar factors overflows the single precision
    ///   results are computed in (naming the factor at which it does).
    public func resolved(base: FactorValues) throws -> ResolvedScenario {
        var terms: [Factor: ResolvedScenario.Term] = [:]
        var product = 1.0
        for f in Factor.allCases {
            guard let v = set?[f] ?? base[f] else {
                throw ErosionError.invalidScenario(field: "base.\(f.rawValue)", reason: "scenario \(name) has no value for factor \(f.rawValue)")
            }
            if case .scalar(let d) = v, !(d.isFinite && d >= 0) {
                throw ErosionError.invalidScenario(field: "\(name).\(f.rawValue)", reason: "factor must be finite and ≥ 0, got \(d)")
            }
            let m = multiply?[f] ?? 1
            guard m.isFinite, m >= 0 else {
                throw ErosionError.invalidScenario(field: "\(name).multiply.\(f.rawValue)", reason: "multiplier must be finite and ≥ 0, got \(m)")
            }
            terms[f] = .init(value: v, multiplier: m)
            if case .scalar(let d) = v {
                product *= d * m
                try ResolvedScenario.checkFinite(product, scenario: name, factor: f.rawValue, what: "the product of the scalar factors up to \(f.rawValue)")
            }
        }
        return ResolvedScenario(name: name, terms: terms)
    }
}

/// A scenario with every factor known: value (scalar or raster path) × multiplier.
public struct ResolvedScenario: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var value: FactorValue
        public var multiplier: Double
        public init(value: FactorValue, multiplier: Double = 1) { self.value = value; self.multiplier = multiplier }
    }
    public var name: String
    public var terms: [Factor: Term]

    public init(name: String, terms: [Factor: Term]) {
        self.name = name
        self.terms = terms
    }

    /// Raster paths this scenario reads.
    public var rasterPaths: [String] {
        Factor.allCases.compactMap { f in if case .raster(let p)? = terms[f]?.value { return p } else { return nil } }
    }

    /// Throws when `value` is not finite in single precision (Float32, the precision of the results):
    /// a product that overflows would otherwise drop every cell silently. Names scenario and factor.
    static func checkFinite(_ value: Double, scenario: String, factor: String, what: String) throws {
        guard !Float(value).isFinite else { return }
        throw ErosionError.invalidScenario(
            field: "\(scenario).\(factor)",
            reason: "\(what) is \(value.isFinite ? "\(value), beyond single precision (±3.4e38)" : "\(value)"), so the scenario has no finite result; use smaller factor values or units")
    }

    /// The product R·K·C·P when every factor is a scalar, else nil.
    public var scalarProduct: Double? {
        var p = 1.0
        for f in Factor.allCases {
            guard let t = terms[f], case .scalar(let v) = t.value else { return nil }
            p *= v * t.multiplier
        }
        return p
    }
}
