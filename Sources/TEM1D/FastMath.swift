/// Branch-free, inlinable exp and sincos on `KernelLanes` (four lanes) for the kernel's inner loop (glibc's scalar
/// calls were ~45 % of the run time). Accuracy: a few ulp (tested against Foundation in `FastMathTests`).
/// Deterministic on every platform: plain IEEE operations in a fixed order, the same in each lane.
enum FastMath {
    typealias Pair = KernelLanes

    // Cody–Waite splits (fdlibm constants).
    private static let ln2Hi = 6.93147180369123816490e-01
    private static let ln2Lo = 1.90821492927058770002e-10
    private static let invLn2 = 1.44269504088896338700e+00
    private static let pio2_1 = 1.57079632673412561417e+00
    private static let pio2_2 = 6.07710050630396597660e-11
    private static let pio2_2t = 2.02226624879595063154e-21
    private static let twoOverPi = 6.36619772367581382433e-01
    /// 1.5 · 2^52: x + magic rounds x to the nearest integer n (|x| < 2^51) and leaves 2^51 + n in the low bits.
    private static let magic = 6755399441055744.0

    /// e^x per lane for x in [−700, 700] (Taylor degree 12 on |r| ≤ ln2/2 after k = round(x/ln 2)).
    @inline(__always) static func exp(_ x: Pair) -> Pair {
        let kMagic = x * invLn2 + magic
        let k = kMagic - magic
        let r = (x - k * ln2Hi) - k * ln2Lo
        // Estrin's scheme (short dependency chains; the kernel is latency-bound): Σ_{i≤12} r^i/i!.
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let a0 = 1.0 + r, a1 = 0.5 + r * (1.0 / 6.0), a2 = 1.0 / 24.0 + r * (1.0 / 120.0)
        let a3 = 1.0 / 720.0 + r * (1.0 / 5040.0), a4 = 1.0 / 40320.0 + r * (1.0 / 362880.0)
        let a5 = 1.0 / 3628800.0 + r * (1.0 / 39916800.0)
        let b0 = a0 + r2 * a1, b1 = a2 + r2 * a3, b2 = a4 + r2 * a5
        let c0 = b0 + r4 * b1, c1 = b2 + r4 * (1.0 / 479001600.0)   // 1/12!: truncation (ln2/2)^13/13! ≈ 2e-16
        let p = c0 + r8 * c1
        // 2^k: the low bits of kMagic hold 2^51 + k; move k + 1023 into the exponent field.
        let bits = unsafeBitCast(kMagic, to: SIMD4<UInt64>.self) &+ (1023 &- (1 << 51))
        return p * unsafeBitCast(bits &<< 52, to: Pair.self)
    }

    /// (sin x, cos x) per lane for |x| ≲ 1e5 (quadrant reduction with a 3-part π/2, Taylor on |r| ≤ π/4).
    @inline(__always) static func sincos(_ x: Pair) -> (sin: Pair, cos: Pair) {
        let nMagic = x * twoOverPi + magic
        let n = nMagic - magic
        let r = ((x - n * pio2_1) - n * pio2_2) - n * pio2_2t
        let r2 = r * r
        let r4 = r2 * r2, r8 = r4 * r4
        // Estrin's scheme in r²: sin r = r + r³ Σ_{i≤6} s_i r^{2i}, cos r = 1 + r² Σ_{i≤7} c_i r^{2i}
        // (truncation (π/4)^17/17! ≈ 6e-17 and (π/4)^18/18! ≈ 2e-18).
        let s01 = -1.0 / 6.0 + r2 * (1.0 / 120.0), s23 = -1.0 / 5040.0 + r2 * (1.0 / 362880.0)
        let s45 = -1.0 / 39916800.0 + r2 * (1.0 / 6227020800.0)
        let s = (s01 + r4 * s23) + r8 * (s45 + r4 * (-1.0 / 1307674368000.0))
        let sinR = r + r * r2 * s
        let c01 = -0.5 + r2 * (1.0 / 24.0), c23 = -1.0 / 720.0 + r2 * (1.0 / 40320.0)
        let c45 = -1.0 / 3628800.0 + r2 * (1.0 / 479001600.0), c67 = -1.0 / 87178291200.0 + r2 * (1.0 / 20922789888000.0)
        let c = (c01 + r4 * c23) + r8 * (c45 + r4 * c67)
        let cosR = 1.0 + r2 * c
        // Quadrant n mod 4 (low bits of 2^51 + n): 0 → (s, c), 1 → (c, −s), 2 → (−s, −c), 3 → (−c, s).
        let quadrant = unsafeBitCast(nMagic, to: SIMD4<UInt64>.self) & 3
        let swap = (quadrant & 1) .== 1
        let sinQ = sinR.replacing(with: cosR, where: swap), cosQ = cosR.replacing(with: sinR, where: swap)
        return (sinQ.replacing(with: -sinQ, where: quadrant .>= 2),
                cosQ.replacing(with: -cosQ, where: (quadrant .== 1) .| (quadrant .== 2)))
    }

    /// Scalar e^x (lane 0 of the pair version).
    static func exp(_ x: Double) -> Double { exp(Pair(repeating: x))[0] }

    /// Scalar (sin x, cos x) (lane 0 of the pair version).
    static func sincos(_ x: Double) -> (sin: Double, cos: Double) {
        let sc = sincos(Pair(repeating: x))
        return (sc.sin[0], sc.cos[0])
    }
}
