import Foundation
import Plot
import Raster

/// A colour map of one raster band with a colorbar (`geotool plot map`, the `map` plot job).
public struct MapPlotRequest: PlotRequest {
    public var raster: String
    public var band = 1
    /// A colormap name (append `_r` to reverse).
    public var cmap = "viridis"
    public var vmin: Double?
    public var vmax: Double?
    /// Default colour range = min/max of the valid pixels instead of the 2nd–98th percentile.
    public var minmax = false
    public var hillshade = false
    /// nil: transparent.
    public var nodataColor: Color?
    public var label: String?
    public var layout = FigureLayout()

    /// A map of band `band` of `raster` (the properties above; defaults as `geotool plot map`).
    public init(raster: String, band: Int = 1, cmap: String = "viridis", vmin: Double? = nil, vmax: Double? = nil,
                minmax: Bool = false, hillshade: Bool = false, nodataColor: Color? = nil, label: String? = nil,
                layout: FigureLayout = FigureLayout()) {
        self.raster = raster
        self.band = band
        self.cmap = cmap
        self.vmin = vmin
        self.vmax = vmax
        self.minmax = minmax
        self.hillshade = hillshade
        self.nodataColor = nodataColor
        self.label = label
        self.layout = layout
    }

    public func render(to output: String) throws -> [String: Double] {
        let (grid, georef) = try RasterFile.read(raster, band: band, as: Double.self)
        var o = MapOptions(colormap: cmap, vmin: vmin, vmax: vmax, percentiles: minmax ? nil : 2...98,
                           hillshade: hillshade, geoTransform: georef.geoTransform, colorbarLabel: label)
        if let nodataColor { o.nodataColor = nodataColor }
        if let gt = georef.geoTransform, gt.isNorthUp {
            let srs = georef.crsWKT.flatMap { try? SpatialReference($0) }
            let unit = srs.map { $0.linearUnitsInMetres == 1 ? " (m)" : "" } ?? ""
            o.xLabel = srs?.isGeographic == true ? "Longitude (°)" : "Easting\(unit)"
            o.yLabel = srs?.isGeographic == true ? "Latitude (°)" : "Northing\(unit)"
            if srs?.isGeographic == true {
                o.aspectRatio = MapOptions.geographicAspect(
                    centerLatitude: gt.world(col: Double(grid.width) / 2, row: Double(grid.height) / 2).y)
                o.hillshadeScale = 111_320   // metres per degree of latitude (elevations in metres)
            }
        }
        try layout.write(try Panel.map(grid, options: o), fallbackTitle: URL(fileURLWithPath: raster).lastPathComponent,
                         to: output)
        return [:]
    }
}
