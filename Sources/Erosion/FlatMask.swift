/// The result of flat resolution: per cell a flat label (0 = not in a drainable flat) and a
/// gradient mask (integer "pseudo-elevation" increments; within a flat, water flows toward
/// smaller values). See `FlatResolution`.
public struct FlatMask: Sendable {
    public let width: Int
    public let height: Int
    /// Flat label per cell, 1…`flatCount`; 0 outside drainable flats.
    public let labels: [Int32]
    /// Combined gradient (Barnes et al. 2014): 2·(steps from lower terrain) + (flat height − steps from higher terrain).
    public let mask: [Int32]
    /// Number of drainable flats found.
    public let flatCount: Int
    /// Number of cells without outflow that the mask gives a direction.
    public let resolvedCellCount: Int
}
