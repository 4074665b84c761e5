import Foundation

/// Whether a PNG file is complete: what "this output is done" means for a PNG found on a re-run.
///
/// Complete = the PNG signature, an `IHDR` chunk first, every chunk whole with a matching CRC-32, and an
/// `IEND` chunk ending the file. A zero-byte, truncated, corrupted or foreign (non-PNG) file is not.
public enum PNGIntegrity {
    private static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Whether the file at `path` is a complete PNG (false when it cannot be read).
    public static func isComplete(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return isComplete([UInt8](data))
    }

    /// Whether `bytes` are a complete PNG.
    public static func isComplete(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= signature.count + 12, Array(bytes[0..<8]) == signature else { return false }
        var offset = 8
        var first = true
        while offset + 12 <= bytes.count {
            let length = Int(bigEndian32(bytes, offset))
            let typeStart = offset + 4, dataEnd = offset + 8 + length
            guard length <= 0x7FFF_FFFF, dataEnd + 4 <= bytes.count else { return false }
            let type = String(decoding: bytes[typeStart..<typeStart + 4], as: UTF8.self)
            if first && type != "IHDR" { return false }
            first = false
            guard crc32(bytes[typeStart..<dataEnd]) == bigEndian32(bytes, dataEnd) else { return false }
            offset = dataEnd + 4
            if type == "IEND" { return offset == bytes.count }
        }
        return false
    }

    private static func bigEndian32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (ISO 3309, as PNG uses it).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }
}
