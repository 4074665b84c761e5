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

    /// Laplace-domain secondary field at the loop centre, A/m per A (H = 0, s complex with Re √s ≥ 0):
    /// S(s) = [3 − (3 + 3x + x²) e^{−x}] / (x² a) − 1/(2a), x = a √(s μ0 σ). For |x| < 1 the power series
    /// S = (1/a) Σ_{n≥4} d_n x^{n−2}, d_n = −[3(−1)^n/n! + 3(−1)^{n−1}/(n−1)! + (−1)^n/(n−2)!] avoids the cancellation.
    @inline(__always)
    static func laplace(s: Complex, sigma: Double, loopRadius a: Double) -> Complex {
        let x = (mu0 * sigma * a * a * s).squareRoot
        let x2 = x * x
        if x2.magnitude < 1 {
            // Horner in x over n = 4 ... 4 + count − 1.
            var acc = Complex.zero
            for d in laplaceSeries.reversed() { acc = acc * x + Complex(d, 0) }
            let v = acc * x2
            return Complex(v.re / a, v.im / a)
        }
        let ex = Complex(-x.re, -x.im).exp
        let num = 3.0 - (Complex(3, 0) + 3.0 * x + x2) * ex
        let v = num / (x2 * Complex(a, 0))
        return Complex(v.re - 1 / (2 * a), v.im)
    }

    /// d_4 ... d_29 of `laplace(s:sigma:loopRadius:)` (|d_n| < 1/(n−2)!; 26 terms: truncation < 1e-23 at |x| = 1).
    static let laplaceSeries: [Double] = (4..<30).map { n in
        func invFactorial(_ k: Int) -> Double { (1...max(k, 1)).reduce(1.0) { $0 / Double($1) } }
        let sg = n % 2 == 0 ? 1.0 : -1.0
        return -(3 * sg * invFactorial(n) - 3 * sg * invFactorial(n - 1) + sg * invFactorial(n - 2))
    }
}
