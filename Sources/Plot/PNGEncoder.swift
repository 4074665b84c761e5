import CairoShim
import Foundation

/// Encodes a cairo ARGB32 image surface as PNG with zlib at a fast compression level.
///
/// `cairo_surface_write_to_png` uses libpng's defaults (adaptive filtering, zlib level 6), which
/// made PNG compression the largest cost of a map render; here every row uses the "Up" filter and
/// zlib level 3 (files ~10–30 % larger, several times faster). Fully opaque images are written as
/// RGB (colour type 2), others as straight-alpha RGBA (colour type 6). Decoded by any PNG reader
/// (the tests read them back with cairo).
enum PNGEncoder {
    static let compressionLevel: Int32 = 3

    static func encode(surface s: OpaquePointer) throws(PlotError) -> [UInt8] {
        cairo_surface_flush(s)
        let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        guard w > 0, h > 0, let data = cairo_image_surface_get_data(s) else { throw .cairo("empty image surface") }
        let pixels = UnsafeRawPointer(data)
        var opaque = true
        for row in 0..<h where opaque {
            let line = pixels + row * stride
            for col in 0..<w where line.load(fromByteOffset: col * 4, as: UInt32.self) >> 24 != 0xff {
                opaque = false
                break
            }
        }
        let channels = opaque ? 3 : 4
        let rowBytes = w * channels
        var raw = [UInt8](repeating: 0, count: (rowBytes + 1) * h)
        var prev = [UInt8](repeating: 0, count: rowBytes), cur = [UInt8](repeating: 0, count: rowBytes)
        raw.withUnsafeMutableBufferPointer { out in
            for row in 0..<h {
                let line = pixels + row * stride
                for col in 0..<w {
                    let p = line.load(fromByteOffset: col * 4, as: UInt32.self)
                    let a = p >> 24
                    var r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff
                    if a != 0xff && a != 0 {   // un-premultiply
                        r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a)
                    }
                    let o = col * channels
                    cur[o] = UInt8(r); cur[o + 1] = UInt8(g); cur[o + 2] = UInt8(b)
                    if channels == 4 { cur[o + 3] = UInt8(a) }
                }
                let base = row * (rowBytes + 1)
                out[base] = 2   // filter type Up
                for i in 0..<rowBytes { out[base + 1 + i] = cur[i] &- prev[i] }
                swap(&prev, &cur)
            }
        }
        var compressedLength = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(compressedLength))
        let status = compress2(&compressed, &compressedLength, raw, uLong(raw.count), compressionLevel)
        guard status == Z_OK else { throw .cairo("zlib compression failed (\(status))") }
        compressed.removeSubrange(Int(compressedLength)...)

        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var ihdr: [UInt8] = []
        ihdr.appendBigEndian(UInt32(w))
        ihdr.appendBigEndian(UInt32(h))
        ihdr += [8, opaque ? 2 : 6, 0, 0, 0]   // bit depth, colour type, compression, filter, interlace
        png.appendChunk("IHDR", ihdr)
        png.appendChunk("IDAT", compressed)
        png.appendChunk("IEND", [])
        return png
    }
}

private extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ v: UInt32) {
        append(contentsOf: [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)])
    }

    mutating func appendChunk(_ type: String, _ data: [UInt8]) {
        appendBigEndian(UInt32(data.count))
        let body = Array(type.utf8) + data
        append(contentsOf: body)
        let crc = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }
}
