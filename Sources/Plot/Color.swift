import Foundation

/// An sRGB colour with straight (non-premultiplied) alpha, components in 0...1.
public struct Color: Hashable, Sendable {
    public var red: Double
    public var green: Double
    public var blue: Double
    public var alpha: Double

    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }

    /// From a 24-bit hex value such as `0x1f77b4`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xff) / 255, green: Double((hex >> 8) & 0xff) / 255,
                  blue: Double(hex & 0xff) / 255, alpha: alpha)
    }

    /// The same colour with another alpha.
    public func withAlpha(_ a: Double) -> Color { Color(red: red, green: green, blue: blue, alpha: a) }

    public static let black = Color(red: 0, green: 0, blue: 0)
    public static let white = Color(red: 1, green: 1, blue: 1)
    public static let clear = Color(red: 0, green: 0, blue: 0, alpha: 0)
    public static let gray = Color(hex: 0x808080)
    public static let lightGray = Color(hex: 0xd9d9d9)
    public static let darkGray = Color(hex: 0x404040)

    /// matplotlib's "tab10" qualitative cycle (Tableau 10), used for series in order.
    public static let cycle: [Color] = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                        0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf].map { Color(hex: $0) }

    /// The `i`-th colour of `cycle` (wrapping).
    public static func cycle(_ i: Int) -> Color { cycle[((i % cycle.count) + cycle.count) % cycle.count] }

    /// Parses "#rrggbb", "rrggbb", "none"/"transparent" or a few names (white, black, gray, red, …).
    public init?(parsing text: String) {
        let s = text.lowercased().trimmingCharacters(in: .whitespaces)
        let named: [String: Color] = ["none": .clear, "transparent": .clear, "white": .white, "black": .black,
                                      "gray": .gray, "grey": .gray, "red": Color(hex: 0xd62728),
                                      "blue": Color(hex: 0x1f77b4), "magenta": Color(hex: 0xff00ff)]
        if let c = named[s] { self = c; return }
        let hex = s.hasPrefix("#") ? String(s.dropFirst()) : s
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        self.init(hex: v)
    }

    /// Premultiplied ARGB32 in native byte order, as cairo's image surfaces store it.
    @inlinable public var premultipliedARGB32: UInt32 {
        let a = max(0, min(1, alpha))
        func q(_ v: Double) -> UInt32 { UInt32((max(0, min(1, v)) * a * 255).rounded()) }
        return (UInt32((a * 255).rounded()) << 24) | (q(red) << 16) | (q(green) << 8) | q(blue)
    }

    /// CIE L* (0–100) of this sRGB colour (D65), ignoring alpha.
    public var lightness: Double {
        func lin(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let y = 0.2126 * lin(red) + 0.7152 * lin(green) + 0.0722 * lin(blue)
        let f = y > 216.0 / 24389.0 ? cbrt(y) : (24389.0 / 27.0 * y + 16) / 116
        return 116 * f - 16
    }
}
