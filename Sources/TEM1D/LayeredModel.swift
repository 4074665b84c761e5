/// A horizontally layered earth: `resistivities[j]` (Ω·m) of n layers from the top down, and the
/// `thicknesses[j]` (m) of the upper n − 1 layers. The last layer is a half-space; the surface is z = 0.
/// Magnetic permeability is μ0 everywhere.
public struct LayeredModel: Sendable, Hashable, Codable {
    /// Layer resistivities, Ω·m, top to bottom (n values, each > 0 and finite).
    public var resistivities: [Double]
    /// Thicknesses of the upper n − 1 layers, m (each > 0 and finite).
    public var thicknesses: [Double]

    /// Creates and validates a model.
    /// - Throws: `TEM1DError.layerCountMismatch` or `.invalidParameter` (non-positive or non-finite values).
    public init(resistivities: [Double], thicknesses: [Double]) throws {
        self.resistivities = resistivities
        self.thicknesses = thicknesses
        try validate()
    }

    /// Creates a model without validation (for callers that validated already, e.g. the CSV reader).
    init(unchecked resistivities: [Double], thicknesses: [Double]) {
        self.resistivities = resistivities
        self.thicknesses = thicknesses
    }

    /// Number of layers including the basal half-space.
    public var layerCount: Int { resistivities.count }

    /// Resistivities the forward model is computed for: copper (~1.7e-8 Ω·m) to near-insulators; the
    /// responses stay finite over the whole range (checked down to 1e-8 and up to 1e14), while values such as
    /// 1e-300 or 1e300 give NaN and are refused instead of written as empty cells.
    public static let resistivityRange: ClosedRange<Double> = 1e-8...1e14
    /// Layer thicknesses the forward model is computed for: 1 µm to 1000 km.
    public static let thicknessRange: ClosedRange<Double> = 1e-6...1e6

    /// Checks layer counts and that every resistivity and thickness is finite and > 0.
    public func validate() throws {
        guard !resistivities.isEmpty, thicknesses.count == resistivities.count - 1 else {
            throw TEM1DError.layerCountMismatch(resistivities: resistivities.count, thicknesses: thicknesses.count)
        }
        for (j, r) in resistivities.enumerated() where !(r > 0 && r.isFinite) {
            throw TEM1DError.invalidParameter(what: "resistivity[\(j + 1)]", value: r,
                                              reason: "resistivity must be finite and > 0 ohm·m")
        }
        for (j, r) in resistivities.enumerated() where !Self.resistivityRange.contains(r) {
            throw TEM1DError.invalidParameter(what: "resistivity[\(j + 1)]", value: r,
                                              reason: "resistivity must be within 1e-8…1e14 ohm·m")
        }
        for (j, h) in thicknesses.enumerated() where !(h > 0 && h.isFinite) {
            throw TEM1DError.invalidParameter(what: "thickness[\(j + 1)]", value: h,
                                              reason: "thickness must be finite and > 0 m")
        }
        for (j, h) in thicknesses.enumerated() where !Self.thicknessRange.contains(h) {
            throw TEM1DError.invalidParameter(what: "thickness[\(j + 1)]", value: h,
                                              reason: "thickness must be within 1e-6…1e6 m")
        }
    }
}
