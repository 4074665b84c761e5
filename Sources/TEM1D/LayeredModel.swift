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

    /// Checks layer counts and that every resistivity and thickness is finite and > 0.
    public func validate() throws {
        guard !resistivities.isEmpty, thicknesses.count == resistivities.count - 1 else {
            throw TEM1DError.layerCountMismatch(resistivities: resistivities.count, thicknesses: thicknesses.count)
        }
        for (j, r) in resistivities.enumerated() where !(r > 0 && r.isFinite) {
            throw TEM1DError.invalidParameter(what: "resistivity[\(j + 1)]", value: r,
                                              reason: "resistivity must be finite and > 0 ohm·m")
        }
        for (j, h) in thicknesses.enumerated() where !(h > 0 && h.isFinite) {
            throw TEM1DError.invalidParameter(what: "thickness[\(j + 1)]", value: h,
                                              reason: "thickness must be finite and > 0 m")
        }
    }
}
