import Foundation
import Plot
import Raster

/// A small PNG of a raster's first band, for the dashboard's job view: the same colour map as
/// `geotool plot map` (viridis, 2nd–98th percentile, nodata transparent, colorbar, map axes) on a
/// 640 × 480 figure, written durably by Plot. Rasters above `maxPixels` are refused before anything is
/// read (a quick-look reads the whole band).
public enum RasterQuickLook {
    /// Largest raster drawn (width × height of the full-resolution band).
    public static let maxPixels = 25_000_000

    /// The figure of a quick-look.
    public static let layout = FigureLayout(width: 640, height: 480, dpi: 72)

    /// Draws `raster` to the PNG `png` (complete or absent after a crash); errors are one line naming the raster.
    public static func render(raster: String, to png: String) throws {
        let dataset = try Dataset.open(raster)
        let (width, height) = (dataset.width, dataset.height)
        try dataset.close()
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= maxPixels else {
            throw OperationError("\(raster): \(width)×\(height) pixels is more than a quick-look draws (\(maxPixels)); download the file instead")
        }
        _ = try MapPlotRequest(raster: raster, layout: layout).render(to: png)
    }
}
