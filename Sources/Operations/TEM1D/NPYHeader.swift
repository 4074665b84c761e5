/// The header of a NumPy `.npy` file (format version 1.0) for a C-order little-endian float64 2-D array:
/// magic `\x93NUMPY`, version 1.0, a little-endian UInt16 header length, then the header dict padded with spaces
/// and ended by `\n` so that the data starts at a multiple of 64 bytes.
public enum NPYHeader {
    /// The header bytes for a `rows × columns` float64 array.
    public static func float64(rows: Int, columns: Int) -> [UInt8] {
        var dict = Array("{'descr': '<f8', 'fortran_order': False, 'shape': (\(rows), \(columns)), }".utf8)
        let preamble = 10   // magic (6) + version (2) + header length (2)
        let padded = (preamble + dict.count + 1 + 63) / 64 * 64
        dict += [UInt8](repeating: UInt8(ascii: " "), count: padded - preamble - dict.count - 1)
        dict.append(UInt8(ascii: "\n"))
        let length = UInt16(dict.count)
        return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(length & 0xFF), UInt8(length >> 8)] + dict
    }
}
