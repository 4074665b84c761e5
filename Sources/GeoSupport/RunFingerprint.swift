/// A 64-bit FNV-1a hash of everything that determines the bytes of a run's output (inputs, options, version),
/// stored with the chunks so that a re-run resumes only the run it belongs to (`ChunkStore`).
public struct RunFingerprint: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    /// Adds the UTF-8 bytes of `text` and a separator.
    public mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0)
    }

    /// Adds the exact bit pattern of `values`.
    public mutating func add(_ values: [Double]) {
        for v in values {
            var bits = v.bitPattern
            for _ in 0..<8 {
                mix(UInt8(truncatingIfNeeded: bits))
                bits >>= 8
            }
        }
        mix(0xFF)
    }

    /// 16 hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private mutating func mix(_ byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
