import Foundation
import GeoSupport
import Grid

/// A grid drawn as coloured pixels through a colormap, with a colorbar.
///
/// The layer occupies its geographic extent when `geoTransform` is north-up (x = easting/longitude,
/// y = northing/latitude), otherwise pixel coordinates (column right, row down).
public struct RasterLayer: Sendable {
    public var grid: Grid<Double>
    public var geoTransform: GeoTransform?
    public var colormap: Colormap
    /// Values ≤ vmin get the first colour, ≥ vmax the last; NaN, ±Inf and nodata get `nodataColor`.
    public var vmin: Double
    public var vmax: Double
    /// Colour of nodata/NaN pixels (`.clear` = transparent: the background shows through).
    public var nodataColor: Color
    /// Hillshade (0…1 per pixel, NaN = none) blended with the colours, or nil.
    public var shade: [Float]?
    /// 0 = no shading, 1 = full; flat ground keeps its colormap colour (shade is divided by sin(altitude)).
    public var shadeStrength: Double
    /// sin(altitude) of the hillshade: the shade of flat ground.
    public var flatShade: Double
    public var colorbarLabel: String?

    public init(grid: Grid<Double>, geoTransform: GeoTransform? = nil, colormap: Colormap, vmin: Double, vmax: Double,
                nodataColor: Color = .clear, shade: [Float]? = nil, shadeStrength: Double = 0.6,
                flatShade: Double = sin(Double.pi / 4), colorbarLabel: String? = nil) {
        self.grid = grid
        self.geoTransform = geoTransform
        self.colormap = colormap
        self.vmin = vmin
        self.vmax = vmax
        self.nodataColor = nodataColor
        self.shade = shade
        self.shadeStrength = shadeStrength
        self.flatShade = flatShade
        self.colorbarLabel = colorbarLabel
    }

    /// True when the layer is placed in world coordinates.
    var isGeographic: Bool { geoTransform?.isNorthUp ?? false }

    /// Data extent (x range, y range).
    var extent: (x: ClosedRange<Double>, y: ClosedRange<Double>) {
        if let gt = geoTransform, gt.isNorthUp {
            let b = gt.bounds(width: grid.width, height: grid.height)
            return (b.minX...b.maxX, b.minY...b.maxY)
        }
        return (0...Double(grid.width), 0...Double(grid.height))
    }

    /// Whether a pixel is drawn with a colour: valid and finite (±Inf is drawn as nodata).
    @inline(__always) func isDrawable(_ v: Double) -> Bool { v.isFinite && grid.isValidValue(v) }

    var hasValidData: Bool { grid.values.contains { isDrawable($0) } }

    /// Premultiplied ARGB32 pixels, subsampled (nearest) to at most `maxWidth`×`maxHeight`.
    func pixels(maxWidth: Int, maxHeight: Int) -> (pixels: [UInt32], width: Int, height: Int) {
        let w = min(grid.width, max(1, maxWidth)), h = min(grid.height, max(1, maxHeight))
        let lut = colormap.argb
        let n = Double(lut.count)
        let span = vmax - vmin
        let nodata = nodataColor.premultipliedARGB32
        let shadeK = max(0, min(1, shadeStrength))
        var out = [UInt32](repeating: nodata, count: w * h)
        let colIndex = (0..<w).map { min(grid.width - 1, Int((Double($0) + 0.5) * Double(grid.width) / Double(w))) }
        grid.values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                for r in 0..<h {
                    let sr = min(grid.height - 1, Int((Double(r) + 0.5) * Double(grid.height) / Double(h)))
                    for c in 0..<w {
                        let si = sr * grid.width + colIndex[c]
                        let x = v[si]
                        guard isDrawable(x) else { continue }
                        let t = span > 0 ? FiniteMath.fraction(x, from: vmin, to: vmax) : 0.5
                        var p = lut[CheckedSize.clamped(t * n, to: 0...(lut.count - 1))]
                        if let s = shade, shadeK > 0, s[si].isFinite {
                            let f = (1 - shadeK) + shadeK * Double(s[si]) / flatShade
                            p = RasterLayer.scaleRGB(p, by: f)
                        }
                        o[r * w + c] = p
                    }
                }
            }
        }
        return (out, w, h)
    }

    /// Multiplies the colour channels of an opaque ARGB32 pixel by `f` (clamped to 0…255).
    @inline(__always) static func scaleRGB(_ p: UInt32, by f: Double) -> UInt32 {
        func ch(_ shift: UInt32) -> UInt32 { UInt32(min(255, max(0, Double((p >> shift) & 0xff) * f)).rounded()) << shift }
        return (p & 0xff00_0000) | ch(16) | ch(8) | ch(0)
    }
}
