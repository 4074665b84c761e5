/// Where the loop and the receiver of one sounding are: loop at `height` H ≥ 0 m above the surface, receiver on the
/// loop's axis `receiverOffset` dz m above the loop plane (dz ≥ −H: the receiver stays above the surface). The
/// vertical field is computed for a point receiver. (A horizontal receiver offset is not modelled.)
public struct SoundingGeometry: Sendable, Hashable, Codable {
    public var height: Double
    public var receiverOffset: Double

    /// Heights a sounding may have, m.
    public static let heightRange: ClosedRange<Double> = 0...10_000

    /// Creates and validates a geometry.
    public init(height: Double = 0, receiverOffset: Double = 0) throws {
        self.height = height
        self.receiverOffset = receiverOffset
        try validate()
    }

    /// Height finite within 0…10 000 m, offset finite, receiver not below the surface.
    public func validate() throws {
        guard height.isFinite, Self.heightRange.contains(height) else {
            throw TEM1DError.invalidParameter(what: "height", value: height, reason: "must be finite and within 0…10000 m")
        }
        guard receiverOffset.isFinite, abs(receiverOffset) <= 10_000, height + receiverOffset >= 0 else {
            throw TEM1DError.invalidParameter(what: "receiver offset", value: receiverOffset,
                                              reason: "must be finite and keep the receiver above the surface (>= -height)")
        }
    }

    /// The loop and receiver on the surface.
    public static let ground = try! SoundingGeometry()
}
