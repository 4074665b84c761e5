import GeoSupport
import Foundation
import Grid

/// Options of a raster map (`Panel.map`).
public struct MapOptions: Sendable {
    /// Colormap name (`Colormap.names`, `_r` reverses).
    public var colormap: String
    /// Colour range; a nil bound defaults to the `percentiles` of the valid pixels (2nd–98th by
    /// default), or to their min/max when `percentiles` is nil. Diverging colormaps (RdBu) get a
    /// range symmetric about 0 (±max of the absolute bounds) unless both bounds are given.
    public var vmin: Double?
    public var vmax: Double?
    public var percentiles: ClosedRange<Double>?
    /// Colour of nodata/NaN pixels; `.clear` (default) is transparent.
    public var nodataColor: Color
    /// Blend a gdaldem-style hillshade (Horn, azimuth 315°, altitude 45°) under the colours.
    public var hillshade: Bool
    public var hillshadeStrength: Double
    public var azimuth: Double
    public var altitude: Double
    public var zFactor: Double
    /// gdaldem's `-s`: ratio of horizontal units to elevation units (111320 for degrees with metres).
    public var hillshadeScale: Double
    /// When north-up, axes show world coordinates; otherwise pixel column/row.
    public var geoTransform: GeoTransform?
    /// Drawn length of one y unit over one x unit: 1 for projected CRSs, 1/cos(latitude) for
    /// longitude/latitude (see `MapOptions.geographicAspect`).
    public var aspectRatio: Double
    public var title: String?
    public var xLabel: String?
    public var yLabel: String?
    public var colorbarLabel: String?

    public init(colormap: String = "viridis", vmin: Double? = nil, vmax: Double? = nil,
                percentiles: ClosedRange<Double>? = 2...98, nodataColor: Color = .clear, hillshade: Bool = false,
                hillshadeStrength: Double = 0.6, azimuth: Double = 315, altitude: Double = 45, zFactor: Double = 1,
                hillshadeScale: Double = 1,
                geoTransform: GeoTransform? = nil, aspectRatio: Double = 1, title: String? = nil, xLabel: String? = nil,
                yLabel: String? = nil, colorbarLabel: String? = nil) {
        self.colormap = colormap
        self.vmin = vmin
        self.vmax = vmax
        self.percentiles = percentiles
        self.nodataColor = nodataColor
        self.hillshade = hillshade
        self.hillshadeStrength = hillshadeStrength
        self.azimuth = azimuth
        self.altitude = altitude
        self.zFactor = zFactor
        self.hillshadeScale = hillshadeScale
        self.geoTransform = geoTransform
        self.aspectRatio = aspectRatio
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.colorbarLabel = colorbarLabel
    }

    /// The aspect ratio of a longitude/latitude grid at its central latitude: 1/cos(φ).
    public static func geographicAspect(centerLatitude φ: Double) -> Double {
        let c = cos(min(abs(φ), 89) * .pi / 180)
        return 1 / c
    }

    /// The colour range for `values` under these options. Non-finite values are ignored, as is a
    /// non-finite `vmin`/`vmax` (that bound is taken from the data); the range is finite.
    public func colorRange(_ values: [Double], nodata: Double?, diverging: Bool) -> (vmin: Double, vmax: Double) {
        var lo = vmin.flatMap { $0.isFinite ? $0 : nil }, hi = vmax.flatMap { $0.isFinite ? $0 : nil }
        if lo == nil || hi == nil {
            var q: [Double]
            if let p = percentiles { q = Percentiles.ofFinite(values, [p.lowerBound, p.upperBound], excluding: nodata) }
            else {
                q = [.infinity, -.infinity]
                for v in values where v.isFinite && v != nodata { q[0] = min(q[0], v); q[1] = max(q[1], v) }
                if q[0] > q[1] { q = [.nan, .nan] }
            }
            if diverging && lo == nil && hi == nil {
                let m = max(abs(q[0]), abs(q[1]))
                lo = -m; hi = m
            } else {
                lo = lo ?? q[0]; hi = hi ?? q[1]
            }
        }
        var a = lo!, b = hi!
        if !a.isFinite || !b.isFinite { a = 0; b = 1 }
        if a == b { let d = a == 0 ? 1 : abs(a) * 0.05; a = FiniteMath.clamp(a - d); b = FiniteMath.clamp(b + d) }
        return (min(a, b), max(a, b))
    }
}

extension Panel {
    /// A raster map of `grid` with a colorbar (see `MapOptions` for the colour range rule).
    public static func map(_ grid: Grid<Double>, options o: MapOptions = MapOptions()) throws(PlotError) -> Panel {
        let cmap = try Colormap.named(o.colormap)
        let range = o.colorRange(grid.values, nodata: grid.nodata, diverging: cmap.isDiverging)
        let shade = o.hillshade ? Hillshade.compute(grid, geoTransform: o.geoTransform, azimuth: o.azimuth,
                                                     altitude: o.altitude, zFactor: o.zFactor, scale: o.hillshadeScale,
                                                     aspectRatio: o.aspectRatio) : nil
        let layer = RasterLayer(grid: grid, geoTransform: o.geoTransform, colormap: cmap, vmin: range.vmin,
                                vmax: range.vmax, nodataColor: o.nodataColor, shade: shade,
                                shadeStrength: o.hillshadeStrength, flatShade: sin(o.altitude * .pi / 180),
                                colorbarLabel: o.colorbarLabel)
        let geographic = layer.isGeographic
        return Panel(title: o.title,
                     xAxis: Axis(label: o.xLabel ?? (geographic ? nil : "Column"), margin: 0, showGrid: false),
                     yAxis: Axis(label: o.yLabel ?? (geographic ? nil : "Row"), margin: 0, showGrid: false,
                                 inverted: !geographic),
                     layers: [.raster(layer)], showLegend: false, equalAspect: true,
                     aspectRatio: geographic ? o.aspectRatio : 1)
    }

    /// A raster map of a `Float` grid (converted to `Double`; nodata preserved).
    public static func map(_ grid: Grid<Float>, options: MapOptions = MapOptions()) throws(PlotError) -> Panel {
        try map(grid.map(nodata: grid.nodata.map(Double.init)) { Double($0) }, options: options)
    }
}
