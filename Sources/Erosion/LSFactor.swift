import Foundation
import Grid

/// The RUSLE slope-length and steepness factor LS, per cell, after Desmet & Govers (1996) with
/// McCool's rill/interrill exponent and McCool's steepness factor. All lengths in metres.
///
///     L = [(A_in + D²)^(m+1) − A_in^(m+1)] / (D^(m+2) · x^m · 22.13^m)        (Desmet & Govers 1996)
///     A_in = upslope contributing area at the cell's inlet, m² (contributing area minus the cell's own area)
///     D    = grid spacing √(dx·dy), m (D² = cell area);  x = |sin α| + |cos α| (α = aspect; x = 1 on flats)
///     m    = β / (1 + β),  β = (sin θ / 0.0896) / (3 · sin^0.8 θ + 0.56)            (McCool et al. 1989)
///     S    = 10.8 · sin θ + 0.03   if tan θ < 0.09,   16.8 · sin θ − 0.50 otherwise  (McCool et al. 1987)
///     LS   = L · S  (dimensionless)
///
/// θ is the Horn slope angle (tan θ = √(gx² + gy²)). 22.13 m is the USLE unit plot length.
public enum LSFactor {
    /// Unit plot length (m).
    public static let unitPlotLength = 22.13

    /// McCool (1989) rill/interrill ratio β for slope angle θ (radians).
    @inlinable public static func beta(theta: Double) -> Double {
        let s = sin(theta)
        return (s / 0.0896) / (3 * pow(s, 0.8) + 0.56)
    }

    /// The slope-length exponent m = β/(1+β).
    @inlinable public static func exponentM(theta: Double) -> Double {
        let b = beta(theta: theta)
        return b / (1 + b)
    }

    /// McCool (1987) steepness factor S for slope angle θ (radians).
    @inlinable public static func steepness(theta: Double) -> Double {
        tan(theta) < 0.09 ? 10.8 * sin(theta) + 0.03 : 16.8 * sin(theta) - 0.50
    }

    /// Desmet & Govers (1996) slope-length factor L.
    /// - Parameters: upslopeArea A_in (m²), cellLength D (m), x = |sin α| + |cos α|, m exponent.
    @inlinable public static func length(upslopeArea a: Double, cellLength d: Double, x: Double, m: Double) -> Double {
        (pow(a + d * d, m + 1) - pow(a, m + 1)) / (pow(d, m + 2) * pow(x, m) * pow(unitPlotLength, m))
    }

    /// LS for one cell from its Horn gradient (gx, gy, m/m) and inlet upslope area (m²).
    /// Same formulas as above, evaluated with sin θ = g/√(1+g²), tan θ = g (g = |∇z|) and the
    /// denominator as D²·exp(m·ln(D·x·22.13)) to save transcendental calls.
    @inlinable public static func ls(gx: Double, gy: Double, upslopeArea: Double, cellLength d: Double) -> Double {
        let g = (gx * gx + gy * gy).squareRoot()
        guard g > 0 else { return 0.03 }              // flat: m = 0 → L = 1, S = 0.03
        let s = g / (1 + g * g).squareRoot()
        let b = (s / 0.0896) / (3 * pow(s, 0.8) + 0.56)
        let m = b / (1 + b)
        let x = (abs(gx) + abs(gy)) / g
        let a = max(0, upslopeArea)
        let l = (pow(a + d * d, m + 1) - pow(a, m + 1)) / (d * d * exp(m * log(d * x * unitPlotLength)))
        let steep = g < 0.09 ? 10.8 * s + 0.03 : 16.8 * s - 0.50
        return l * steep
    }
}
