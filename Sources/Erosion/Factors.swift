/// The four RUSLE/USPED cover-management factors a scenario may change (K is soil erodibility).
///
/// Units (SI-metric RUSLE): R in MJ·mm/(ha·h·yr), K in t·ha·h/(ha·MJ·mm), C and P dimensionless,
/// so A = R·K·LS·C·P is in t/(ha·yr).
public enum Factor: String, Sendable, Codable, CaseIterable, CodingKey {
    case R, K, C, P
}

/// A factor value: a number, or a path to a raster aligned with the DEM (resolved by the caller).
/// Decodes from a YAML/JSON number or string.
public enum FactorValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case scalar(Double)
    case raster(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { self = .scalar(d); return }
        if let s = try? c.decode(String.self) { self = .raster(s); return }
        throw DecodingError.typeMismatch(FactorValue.self, .init(codingPath: decoder.codingPath,
            debugDescription: "a factor must be a number or a raster path string"))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .scalar(let d): try c.encode(d)
        case .raster(let s): try c.encode(s)
        }
    }

    public var description: String {
        switch self {
        case .scalar(let d): return formatNumber(d)
        case .raster(let s): return s
        }
    }
}

/// Compact decimal rendering used in generated scenario names (300 → "300", 0.1 → "0.1").
func formatNumber(_ d: Double) -> String {
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return "\(d)"
}

/// Values for some of the factors R, K, C, P (YAML keys exactly `R`, `K`, `C`, `P`).
public struct FactorValues: Sendable, Hashable, Codable {
    public var values: [Factor: FactorValue]

    public init(_ values: [Factor: FactorValue] = [:]) { self.values = values }

    public subscript(_ f: Factor) -> FactorValue? {
        get { values[f] }
        set { values[f] = newValue }
    }

    public init(from decoder: Decoder) throws { values = try Factor.decodeMap(from: decoder) }

    public func encode(to encoder: Encoder) throws { try Factor.encodeMap(values, to: encoder) }
}

/// Multipliers for some of the factors (YAML keys `R`, `K`, `C`, `P`).
public struct FactorMultipliers: Sendable, Hashable, Codable {
    public var values: [Factor: Double]

    public init(_ values: [Factor: Double] = [:]) { self.values = values }

    public subscript(_ f: Factor) -> Double? { values[f] }

    public init(from decoder: Decoder) throws { values = try Factor.decodeMap(from: decoder) }

    public func encode(to encoder: Encoder) throws { try Factor.encodeMap(values, to: encoder) }
}

extension Factor {
    /// Decodes a mapping keyed by factor names (`R`, `K`, `C`, `P`); another key is an
    /// `ErosionError.invalidScenario` naming its key path.
    static func decodeMap<V: Decodable>(from decoder: Decoder) throws -> [Factor: V] {
        let c = try decoder.container(keyedBy: AnyKey.self)
        var v: [Factor: V] = [:]
        for key in c.allKeys {
            guard let f = Factor(rawValue: key.stringValue) else {
                throw ErosionError.invalidScenario(field: (decoder.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: "."),
                                                   reason: "unknown factor (expected R, K, C or P)")
            }
            v[f] = try c.decode(V.self, forKey: key)
        }
        return v
    }

    /// Encodes a mapping keyed by factor names, in R, K, C, P order.
    static func encodeMap<V: Encodable>(_ values: [Factor: V], to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Factor.self)
        for f in Factor.allCases { if let v = values[f] { try c.encode(v, forKey: f) } }
    }
}

/// A coding key for arbitrary dictionary keys.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
