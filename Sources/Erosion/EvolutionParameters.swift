import GeoSupport

/// Parameters of `LandscapeEvolution` (SI units, years).
///
///     ∂z/∂t = U − K · A^m · S^n + D · ∇²z
///
/// U uplift (m/yr), K erodibility (yr⁻¹·m^(1−2m) for n = 1), A drainage area (m², D8, including
/// the cell), S slope to the D8 receiver (m/m), D hillslope diffusivity (m²/yr).
public struct EvolutionParameters: Sendable, Hashable {
    /// Stream-power erodibility K.
    public var k: Double
    /// Area exponent m (0.5).
    public var m: Double
    /// Slope exponent n (1; n ≠ 1 is solved by Newton iteration).
    public var n: Double
    /// Hillslope diffusivity D (m²/yr); 0 disables diffusion.
    public var diffusivity: Double
    /// Uplift rate U (m/yr) applied to every cell except base level.
    public var uplift: Double
    /// Time step (yr). The stream-power step is implicit (unconditionally stable); diffusion is
    /// explicit with as many substeps as the stability limit dt ≤ 1/(2D(1/dx² + 1/dy²)) requires.
    public var dt: Double

    public init(k: Double, m: Double = 0.5, n: Double = 1, diffusivity: Double = 0, uplift: Double = 0, dt: Double) throws {
        for (name, v, pos) in [("k", k, false), ("m", m, false), ("n", n, true), ("d", diffusivity, false),
                               ("dt", dt, true)] {
            guard v.isFinite, pos ? v > 0 : v >= 0 else {
                throw ErosionError.invalidParameter(name: name, reason: "must be finite and \(pos ? ">" : "≥") 0, got \(v)")
            }
        }
        guard uplift.isFinite else { throw ErosionError.invalidParameter(name: "uplift", reason: "must be finite") }
        self.k = k; self.m = m; self.n = n; self.diffusivity = diffusivity; self.uplift = uplift; self.dt = dt
    }

    /// Most time steps (and most diffusion substeps per step) a run may take.
    public static let maximumSteps = 1_000_000_000

    /// The number of steps that covers `years` (⌈years/dt⌉; 0 for 0 years), checked before a run
    /// starts: `ErosionError.invalidParameter` when `years` is not finite and ≥ 0 or the count
    /// exceeds `maximumSteps`.
    public func stepCount(years: Double) throws -> Int {
        guard years.isFinite, years >= 0 else {
            throw ErosionError.invalidParameter(name: "years", reason: "must be finite and ≥ 0, got \(years)")
        }
        guard years > 0 else { return 0 }
        do {
            return try CheckedSize.steps(years / dt, field: "years/dt", limit: Self.maximumSteps)
        } catch {
            throw ErosionError.invalidParameter(
                name: "years", reason: "\(years) years at dt = \(dt) would take \(ByteCount.grouped((years / dt).rounded(.up))) "
                    + "time steps, more than \(ByteCount.grouped(Self.maximumSteps))")
        }
    }
}
