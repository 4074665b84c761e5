/// Complex numbers in SIMD lanes (`KernelLanes`, lane i = (re[i], im[i])): the kernel evaluates four Hankel nodes λ at once
/// so that square roots, divisions, exp and sincos run as packed operations. Same formulas as `Complex`.
struct ComplexPair {
    typealias Pair = KernelLanes
    var re: Pair
    var im: Pair

    @inline(__always) init(_ re: Pair, _ im: Pair) {
        self.re = re
        self.im = im
    }

    @inline(__always) static func + (a: ComplexPair, b: ComplexPair) -> ComplexPair { ComplexPair(a.re + b.re, a.im + b.im) }
    @inline(__always) static func - (a: ComplexPair, b: ComplexPair) -> ComplexPair { ComplexPair(a.re - b.re, a.im - b.im) }
    @inline(__always) static func * (a: ComplexPair, b: ComplexPair) -> ComplexPair {
        ComplexPair(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
    }
    /// Lane-wise real scaling.
    @inline(__always) static func * (a: Pair, b: ComplexPair) -> ComplexPair { ComplexPair(a * b.re, a * b.im) }
    /// Division via the reciprocal of |b|² (magnitudes in this module are far from over/underflow).
    @inline(__always) static func / (a: ComplexPair, b: ComplexPair) -> ComplexPair {
        let d = 1.0 / (b.re * b.re + b.im * b.im)
        return ComplexPair((a.re * b.re + a.im * b.im) * d, (a.im * b.re - a.re * b.im) * d)
    }

    /// Principal square root per lane (Re ≥ 0), branch-free.
    @inline(__always) var squareRoot: ComplexPair {
        let r = (re * re + im * im).squareRoot()
        let absRe = re.replacing(with: -re, where: re .< 0)
        var t = ((r + absRe) * 0.5).squareRoot()
        t.replace(with: .leastNormalMagnitude, where: t .== 0)   // z = 0 → 0 instead of 0/0
        let b = im / (2 * t)
        let negative = re .< 0
        return ComplexPair(t.replacing(with: b.replacing(with: -b, where: b .< 0), where: negative),
                           b.replacing(with: t.replacing(with: -t, where: im .< 0), where: negative))
    }

    /// e^z per lane, with Re z clamped at −700 (e^{−700} ≈ 1e-304: zero for every purpose here).
    @inline(__always) static func exp(_ z: ComplexPair) -> ComplexPair {
        let magnitude = FastMath.exp(z.re.replacing(with: -700, where: z.re .< -700))
        let sc = FastMath.sincos(z.im)
        return ComplexPair(magnitude * sc.cos, magnitude * sc.sin)
    }
}

/// Lane vector of the kernel: four Hankel nodes λ per step (two SSE registers each; independent dependency chains
/// hide the latency of the packed square roots and divisions).
typealias KernelLanes = SIMD4<Double>
