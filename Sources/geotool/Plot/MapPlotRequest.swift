import Foundation
import Plot
import Raster

/// A colour map of one raster band with a colorbar (`geotool plot map`, the `map` plot job).
struct MapPlotRequest: PlotRequest {
    var raster: String
    var band = 1
    /// A colormap name (append `_r` to reverse).
    var cmap = "viridis"
    var vmin: Double?
    var vmax: Double?
    /// Default colour range = min/max of the valid pixels instead of the 2nd–98th percentile.
    var minmax = false
    var hillshade = false
    /// nil: transparent.
    var nodataColor: Color?
    var label: String?
    var layout = FigureLayout()

    func render(to output: String) throws -> [String: Double] {
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
        let fig = layout.figure(try Panel.map(grid, options: o),
                                fallbackTitle: URL(fileURLWithPath: raster).lastPathComponent)
        try writeFigure(fig, to: output)
        return [:]
    }
}
