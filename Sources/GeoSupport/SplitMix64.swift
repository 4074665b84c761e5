/// SplitMix64 (Steele, Lea & Flood 2014): a tiny deterministic PRNG, so generated data (fixtures,
/// benchmarks, batch Monte Carlo draws) is identical on every machine and Swift version; also the seeder
/// of `SeededGenerator` (xoshiro256**) and the mixer of batch seeds. The one SplitMix64 in geotool.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 random bits (not `Double.random(in:using:)`, whose algorithm
    /// may change between Swift versions).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}
