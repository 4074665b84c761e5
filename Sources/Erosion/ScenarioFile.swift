import GeoSupport

/// A scenario file (YAML or JSON): base factors, named scenarios, an optional Cartesian grid of
/// factor values, and optional risk-class settings. Decoded by the CLI with Yams:
///
/// ```yaml
/// base: {R: 500, K: 0.03, C: 0.2, P: 1.0}        # base factors; K/C/P may also be a raster path string
/// scenarios:
///   - {name: baseline}
///   - {name: high_rainfall, multiply: {R: 1.5}}
///   - {name: protected, set: {C: 0.05}, multiply: {P: 0.5}}
/// grid: {R: [300, 600], C: [0.1, 0.3]}            # optional: Cartesian product, names like grid_R300_C0.1
/// risk_thresholds_m_per_yr: [0.001, 0.005, 0.01, 0.05, 0.1]   # optional
/// soil_bulk_density_t_per_m3: 1.3                 # optional, to convert t/ha/yr to m/yr for risk classes
/// ```
///
/// - `base` must give all four factors R, K, C, P (numbers or raster paths).
/// - `scenarios` entries: `name` (unique; a plain file name — `PathComponent` — since it names output
///   files), optional `set` (replace factor values) and `multiply`.
///   Omitted `scenarios` with no `grid` means the single scenario `baseline`.
/// - `grid` maps factors to value lists; every combination becomes a scenario that sets those
///   factors on top of `base`, named `grid_` + `<F><value>` joined by `_` in the order R, K, C, P
///   (made a safe file name: `PathComponent(sanitizing:)`).
/// - Thresholds default to TerraSim's 0.001/0.005/0.01/0.05/0.1 m/yr, bulk density to 1.3 t/m³.
public struct ScenarioFile: Sendable, Hashable, Codable {
    public var base: FactorValues
    public var scenarios: [Scenario]?
    public var grid: [String: [FactorValue]]?
    public var riskThresholds: [Double]?
    public var bulkDensity: Double?

    enum CodingKeys: String, CodingKey {
        case base, scenarios, grid
        case riskThresholds = "risk_thresholds_m_per_yr"
        case bulkDensity = "soil_bulk_density_t_per_m3"
    }

    public init(base: FactorValues, scenarios: [Scenario]? = nil, grid: [String: [FactorValue]]? = nil,
                riskThresholds: [Double]? = nil, bulkDensity: Double? = nil) {
        self.base = base
        self.scenarios = scenarios
        self.grid = grid
        self.riskThresholds = riskThresholds
        self.bulkDensity = bulkDensity
    }

    /// Most scenarios one file may expand to (each writes three rasters the size of the DEM); larger
    /// studies are batches of `erosion-scenario` jobs.
    public static let maxScenarios = 10_000

    /// Every scenario, listed ones first, then the grid combinations.
    /// - Throws: `ErosionError.invalidScenario` naming the field (unknown grid factor, empty list,
    ///   duplicate name, a name that is not a plain file name, missing base factor, negative value, scalar
    ///   factors whose product overflows).
    public func expanded() throws -> [ResolvedScenario] {
        var out: [ResolvedScenario] = []
        let listed = scenarios ?? (grid == nil ? [Scenario(name: "baseline")] : [])
        for s in listed {
            guard !s.name.isEmpty else { throw ErosionError.invalidScenario(field: "scenarios.name", reason: "empty scenario name") }
            do { _ = try PathComponent(s.name) } catch {
                throw ErosionError.invalidScenario(field: "scenarios.name", reason: "scenario name \(error) (names become output file names)")
            }
            out.append(try s.resolved(base: base))
        }
        if let grid {
            var axes: [(Factor, [FactorValue])] = []
            for key in grid.keys {
                guard let f = Factor(rawValue: key) else {
                    throw ErosionError.invalidScenario(field: "grid.\(key)", reason: "unknown factor (expected R, K, C or P)")
                }
                guard let vals = grid[key], !vals.isEmpty else {
                    throw ErosionError.invalidScenario(field: "grid.\(key)", reason: "needs at least one value")
                }
                axes.append((f, vals))
            }
            axes.sort { Factor.allCases.firstIndex(of: $0.0)! < Factor.allCases.firstIndex(of: $1.0)! }
            var count = 1, overflow = false
            for (_, vals) in axes where !overflow { (count, overflow) = count.multipliedReportingOverflow(by: vals.count) }
            guard !overflow, count + out.count <= Self.maxScenarios else {   // counted before anything is built
                throw ErosionError.invalidScenario(field: "grid", reason: "the grid has \(overflow ? "more than \(Int.max)" : String(count)) combinations, more than the \(Self.maxScenarios) scenarios one run may have (use a batch for more)")
            }
            var combos: [[(Factor, FactorValue)]] = [[]]
            for (f, vals) in axes {
                combos = combos.flatMap { prefix in vals.map { prefix + [(f, $0)] } }
            }
            for combo in combos {
                var set = FactorValues()
                for (f, v) in combo { set[f] = v }
                // Generated from the values (a raster path may hold '/'): made a safe file name.
                let name = PathComponent(sanitizing: "grid_" + combo.map { "\($0.0.rawValue)\($0.1)" }.joined(separator: "_")).name
                out.append(try Scenario(name: name, set: set).resolved(base: base))
            }
        }
        var seen = Set<String>()
        for s in out where !seen.insert(s.name).inserted {
            throw ErosionError.invalidScenario(field: "scenarios.name", reason: "duplicate scenario name \(s.name)")
        }
        return out
    }

    /// The risk classification from `riskThresholds` and `bulkDensity` (or the TerraSim defaults).
    public func riskClassification() throws -> RiskClassification {
        try RiskClassification(thresholds: riskThresholds ?? RiskClassification.terraSimThresholds,
                               bulkDensity: bulkDensity ?? RiskClassification.defaultBulkDensity)
    }

    /// Every raster path referenced by the base, the scenarios or the grid.
    public func rasterPaths() throws -> [String] {
        var seen = Set<String>(), out: [String] = []
        for s in try expanded() { for p in s.rasterPaths where seen.insert(p).inserted { out.append(p) } }
        return out
    }

    /// The TerraSim scenario set on top of `base`:
    ///
    /// | name            | change                                  | rationale                        |
    /// |-----------------|-----------------------------------------|----------------------------------|
    /// | baseline        | —                                       | current conditions               |
    /// | high_rainfall   | R × 1.5                                 | +50 % rainfall erosivity          |
    /// | low_vegetation  | C × 2                                   | halved canopy/ground cover        |
    /// | extreme         | R × 2, C × 3                            | storm year on degraded cover      |
    /// | protected       | C × 0.5, P × 0.5                        | cover crops + contour/terracing   |
    /// | post_fire       | C × 5                                   | burnt, bare soil                  |
    public static func terraSim(base: FactorValues) -> ScenarioFile {
        ScenarioFile(base: base, scenarios: [
            Scenario(name: "baseline"),
            Scenario(name: "high_rainfall", multiply: FactorMultipliers([.R: 1.5])),
            Scenario(name: "low_vegetation", multiply: FactorMultipliers([.C: 2])),
            Scenario(name: "extreme", multiply: FactorMultipliers([.R: 2, .C: 3])),
            Scenario(name: "protected", multiply: FactorMultipliers([.C: 0.5, .P: 0.5])),
            Scenario(name: "post_fire", multiply: FactorMultipliers([.C: 5])),
        ])
    }
}
