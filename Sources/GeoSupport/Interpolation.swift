/// Linear interpolation that never overflows between finite values (±1e308): the one formula behind
/// percentiles, axis scales and histogram edges.
public enum Interpolation {
    /// a + f·(b − a): the textbook result when it is finite (so ordinary values are unchanged to the bit),
    /// else the convex combination a·(1 − f) + b·f, which has no intermediate overflow for f in [0, 1].
    @inlinable
    public static func linear(_ a: Double, _ b: Double, _ f: Double) -> Double {
        let d = b - a
        if d.isFinite, case let r = a + f * d, r.isFinite { return r }
        return a * (1 - f) + b * f
    }
}
