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
}
