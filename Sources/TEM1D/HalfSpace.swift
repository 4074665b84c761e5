import Foundation

/// Closed-form central-loop step-off response of a homogeneous half-space with the loop on the surface
/// (Ward, S. H., and Hohmann, G. W., 1988, Electromagnetic theory for geophysical applications, in Nabighian (ed.),
/// Electromagnetic Methods in Applied Geophysics vol. 1, SEG). I = 1 A, θ = √(μ0σ/(4t)), x = θa:
///
///     Bz(t)   = μ0/(2a) · [ 3/(√π x) e^(−x²) + (1 − 3/(2x²)) erf(x) ]
///     −dBz/dt = 1/(σa³) · [ 3 erf(x) − (2/√π) x (3 + 2x²) e^(−x²) ]
///
/// For x < 1 both suffer cancellation in double precision; there the equivalent power series are used:
///
///     Bz      = μ0/(2a) (8/√π) Σ_{m≥1} (−1)^(m+1) m x^(2m+1) / (m! (2m+1)(2m+3))
///     −dBz/dt = 1/(σa³) (8/√π) Σ_{n≥2} (−1)^n n(n−1) x^(2n+1) / (n! (2n+1))
public enum HalfSpace {
    /// μ0 = 4π·10⁻⁷ H/m.
    public static let mu0 = 4e-7 * Double.pi

    /// Bz (T/A) and −dBz/dt (T/s/A) at time `t` (s) over a half-space of conductivity `sigma` (S/m), loop radius `a` (m).
    @inline(__always)
    public static func stepOff(sigma: Double, loopRadius a: Double, time t: Double) -> (bz: Double, dbzdt: Double) {
        let x = (mu0 * sigma / (4 * t)).squareRoot() * a
        let x2 = x * x
        let sqrtPi = Double.pi.squareRoot()
        if x >= 1 {
            let ex = exp(-x2)
            let er = erf(x)
            let bz = mu0 / (2 * a) * (3 / (sqrtPi * x) * ex + (1 - 1.5 / x2) * er)
            let db = 1 / (sigma * a * a * a) * (3 * er - 2 / sqrtPi * x * (3 + 2 * x2) * ex)
            return (bz, db)
        }
        // Series: p = x^(2m+1)/m! is updated incrementally.
        var sb = 0.0, sd = 0.0
        var p = x * x2          // m = 1: x^3 / 1!
        var m = 1.0
        var sign = 1.0
        while m < 60 {
            let tb = sign * m * p / ((2 * m + 1) * (2 * m + 3))
            sb += tb
            // dB/dt term n = m has sign (−1)^m = −sign.
            let td = -sign * m * (m - 1) * p / (2 * m + 1)
            sd += td
            if m >= 3 && abs(tb) <= 1e-18 * abs(sb) && abs(td) <= 1e-18 * abs(sd) { break }
            m += 1
            p *= x2 / m
            sign = -sign
        }
        let c = 8 / sqrtPi
        return (mu0 / (2 * a) * c * sb, 1 / (sigma * a * a * a) * c * sd)
    }
}
