import CairoShim
import Foundation

/// An 8-bit RGBA image (straight alpha, row-major): a rendered figure, or a PNG read back with cairo.
public struct RGBAImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// `width * height * 4` bytes: R, G, B, A per pixel.
    public let bytes: [UInt8]

    public init(width: Int, height: Int, bytes: [UInt8]) {
        precondition(bytes.count == width * height * 4, "RGBA image needs width*height*4 bytes")
        self.width = width
        self.height = height
        self.bytes = bytes
    }

    /// Reads a PNG file (any PNG that cairo can decode).
    public init(contentsOfPNG path: String) throws(PlotError) {
        guard FileManager.default.fileExists(atPath: path) else { throw .readFailed(path: path, reason: "no such file") }
        guard let s = cairo_image_surface_create_from_png(path) else { throw .readFailed(path: path, reason: "cairo") }
        defer { cairo_surface_destroy(s) }
        let st = cairo_surface_status(s)
        guard st == CAIRO_STATUS_SUCCESS else {
            throw .readFailed(path: path, reason: String(cString: cairo_status_to_string(st)))
        }
        self.init(surface: s)
    }

    /// Converts a cairo image surface (ARGB32/RGB24, premultiplied, native-endian words).
    init(surface s: OpaquePointer) {
        let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s))
        let stride = Int(cairo_image_surface_get_stride(s))
        let opaque = cairo_image_surface_get_format(s) == CAIRO_FORMAT_RGB24
        var out = [UInt8](repeating: 0, count: w * h * 4)
        if let data = cairo_image_surface_get_data(s) {
            for row in 0..<h {
                let line = UnsafeRawPointer(data + row * stride)
                for col in 0..<w {
                    let p = line.load(fromByteOffset: col * 4, as: UInt32.self)
                    let a = opaque ? 255 : Int(p >> 24)
                    var r = Int(p >> 16 & 0xff), g = Int(p >> 8 & 0xff), b = Int(p & 0xff)
                    if a > 0 && a < 255 {
                        r = min(255, (r * 255 + a / 2) / a); g = min(255, (g * 255 + a / 2) / a); b = min(255, (b * 255 + a / 2) / a)
                    }
                    let o = (row * w + col) * 4
                    out[o] = UInt8(r); out[o + 1] = UInt8(g); out[o + 2] = UInt8(b); out[o + 3] = UInt8(a)
                }
            }
        }
        self.init(width: w, height: h, bytes: out)
    }

    /// The RGBA of pixel (x, y), x to the right, y down.
    public func pixel(x: Int, y: Int) -> SIMD4<UInt8> {
        let o = (y * width + x) * 4
        return SIMD4(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3])
    }

    /// Number of distinct colours (a blank image has 1).
    public var distinctColorCount: Int {
        var seen = Set<UInt32>()
        for i in stride(from: 0, to: bytes.count, by: 4) {
            seen.insert(UInt32(bytes[i]) << 24 | UInt32(bytes[i + 1]) << 16 | UInt32(bytes[i + 2]) << 8 | UInt32(bytes[i + 3]))
            if seen.count > 1000 { break }
        }
        return seen.count
    }

    /// Per-channel comparison with another image of the same size: mean absolute difference and
    /// the fraction of pixels whose largest channel difference exceeds `threshold`. Nil when sizes differ.
    public func difference(to o: RGBAImage, threshold: Int = 64) -> (meanAbs: Double, fractionOver: Double)? {
        guard width == o.width, height == o.height else { return nil }
        var sum = 0, over = 0
        for p in 0..<(width * height) {
            var m = 0
            for c in 0..<4 {
                let d = abs(Int(bytes[p * 4 + c]) - Int(o.bytes[p * 4 + c]))
                sum += d
                m = max(m, d)
            }
            if m > threshold { over += 1 }
        }
        let n = Double(max(width * height, 1))
        return (Double(sum) / (n * 4), Double(over) / n)
    }
}
