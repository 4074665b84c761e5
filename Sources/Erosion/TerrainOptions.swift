/// How `Terrain` derives its layers from a DEM.
public struct TerrainOptions: Sendable, Hashable {
    /// Flow routing for accumulation (and hence LS and USPED).
    public enum Routing: String, Sendable, Hashable, Codable, CaseIterable {
        /// D8 steepest descent (pysheds rules).
        case d8
        /// Freeman (1991) multiple flow directions, exponent `mfdExponent`.
        case mfd
    }

    /// Which surface slope, aspect, LS and the USPED terms are computed on.
    public enum SlopeSource: String, Sendable, Hashable, Codable, CaseIterable {
        /// The input DEM (the default): slope and aspect equal `gdaldem slope/aspect` on the DEM, so filled
        /// depressions keep their real slopes and USPED can show deposition in the concavities filling removes.
        case input
        /// The conditioned (filled) DEM: filled depressions are flat (S = 0.03), consistent with the routing.
        case filled
    }

    /// Depression filling method (default Priority-Flood + flat resolution).
    public var fill: FillMethod = .priorityFlood
    /// Resolve flats (Barnes 2014) after filling (default true; no effect after `.epsilon`).
    public var resolveFlats = true
    /// D8 border rule (default `.drainOffGrid`).
    public var border: BorderRule = .drainOffGrid
    public var routing: Routing = .d8
    /// Freeman's exponent for `.mfd`.
    public var mfdExponent = 1.1
    /// Compute slope/aspect/LS on the border and next to nodata (gdaldem -compute_edges). Default
    /// true for erosion (so the whole DEM gets a soil loss); the gdaldem default is false.
    public var computeEdges = true
    /// USPED exponents: T ∝ A_s^m (sin β)^n. Mitasova et al. (1996): m = 1.6, n = 1.3 for
    /// rill-dominated (prevailing) erosion; m = n = 1 for sheet erosion.
    public var uspedM = 1.6
    public var uspedN = 1.3
    /// The surface of slope, aspect, LS and USPED (default `.input`; routing always uses the filled DEM).
    public var slopeSource: SlopeSource = .input
    /// Precompute the USPED flux terms (12 B/cell) so that each scenario evaluation is a few passes (default
    /// true, for `erosion run`); without them `evaluate` derives the terms from slope and aspect each time.
    public var precomputeUSPED = true
    /// Threads for the parallel passes (D8, slope, LS, USPED precomputation).
    public var jobs = 1

    public init(fill: FillMethod = .priorityFlood, resolveFlats: Bool = true, border: BorderRule = .drainOffGrid,
                routing: Routing = .d8, mfdExponent: Double = 1.1, computeEdges: Bool = true,
                uspedM: Double = 1.6, uspedN: Double = 1.3, slopeSource: SlopeSource = .input, precomputeUSPED: Bool = true, jobs: Int = 1) {
        self.fill = fill
        self.resolveFlats = resolveFlats
        self.border = border
        self.routing = routing
        self.mfdExponent = mfdExponent
        self.computeEdges = computeEdges
        self.uspedM = uspedM
        self.uspedN = uspedN
        self.slopeSource = slopeSource
        self.precomputeUSPED = precomputeUSPED
        self.jobs = jobs
    }
}
