/// Forward response at the system's gates, per ampere of transmitter current.
public struct Response: Sendable, Hashable, Codable {
    /// −dBz/dt, T/s per A (positive for a decaying field), one value per gate.
    public var dbzdt: [Double]
    /// Bz after the switch-off (secondary field), T per A; positive = direction of the loop's primary field.
    public var bz: [Double]

    public init(dbzdt: [Double], bz: [Double]) {
        self.dbzdt = dbzdt
        self.bz = bz
    }
}
