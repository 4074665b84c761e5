import Foundation
import Grid
import Raster
import Resample

/// The ECOSTRESS regrid of one layer file: mask, reproject to the target CRS when needed
/// (Resample's GDAL warper, nearest), then aggregate to each site's coarse grid with the shared
/// `AggregationKernel` (mean of valid pixels, a cell kept when its valid fraction ≥ the minimum).
/// Runs on the calling thread; every GDAL object is opened and closed here.
public struct EcostressRegrid: Sendable {
    /// The target CRS (WKT).
    public let targetWKT: String
    /// Coarse cell size in target-CRS units.
    public let resolution: (x: Double, y: Double)
    /// A cell is kept when valid pixels / pixels in the cell ≥ this.
    public let minValidFraction: Double
    public let mask: EcostressMask
    /// Each site's extent in the target CRS, snapped to the resolution.
    public let extents: [(minX: Double, minY: Double, maxX: Double, maxY: Double)]
    /// Where temporary warp files go (removed after each file).
    public let scratchDirectory: String

    public init(targetWKT: String, resolution: (x: Double, y: Double), minValidFraction: Double, mask: EcostressMask,
                extents: [(minX: Double, minY: Double, maxX: Double, maxY: Double)], scratchDirectory: String) {
        self.targetWKT = targetWKT
        self.resolution = resolution
        self.minValidFraction = minValidFraction
        self.mask = mask
        self.extents = extents
        self.scratchDirectory = scratchDirectory
    }

    /// The file's cells per site (nil where the file does not touch the site).
    public func run(file: String, acquired: EcostressTimestamp) throws -> [SiteGrid?] {
        var (grid, georef) = try maskedValues(file)
        if let wkt = georef.crsWKT, try !SpatialReference(wkt: wkt).isSame(as: SpatialReference(wkt: targetWKT)) {
            (grid, georef) = try reprojected(grid, georef, name: (file as NSString).lastPathComponent)
        } else if georef.crsWKT == nil {
            throw RasterError(.crs, path: file, "has no CRS, so it cannot be placed on the site grids")
        }
        guard let gt = georef.geoTransform else { throw RasterError(.invalidArgument, path: file, "has no geotransform") }
        return try extents.map { e in
            let mapping = try CellMapping.target(input: gt, inputWidth: grid.width, inputHeight: grid.height,
                                                 resolutionX: resolution.x, resolutionY: resolution.y, extent: e, edge: .keep)
            guard mapping.cellOfColumn.contains(where: { $0 >= 0 }), mapping.cellOfRow.contains(where: { $0 >= 0 }) else {
                return nil
            }
            let kernel = try AggregationKernel(mapping: mapping, method: .mean, minValidFraction: minValidFraction)
            return SiteGrid(acquired: acquired, cells: kernel.reduce(grid), geoTransform: mapping.outputGeoTransform!)
        }
    }

    /// The layer as Float64 with nodata and masked pixels set to NaN.
    private func maskedValues(_ file: String) throws -> (Grid<Double>, Georeference) {
        let ds = try Dataset.open(file)
        var grid = try ds.band(1).readPhysical()
        if !mask.isEmpty {
            let flags = try mask.gridFlags(for: file)
            for i in 0..<grid.count where flags.values[i] { grid.values[i] = .nan }
        }
        grid.nodata = .nan
        return (grid, ds.georeference)
    }

    /// Warps the masked grid to the target CRS through temporary files (removed afterwards).
    private func reprojected(_ grid: Grid<Double>, _ georef: Georeference, name: String) throws -> (Grid<Double>, Georeference) {
        let base = (scratchDirectory as NSString).appendingPathComponent(".regrid-\(UUID().uuidString)-\(name)")
        let (input, output) = (base + ".in.tif", base + ".out.tif")
        defer { unlink(input); unlink(output) }
        try RasterFile.write(grid.map(nodata: Float.nan) { Float($0) }, to: input, georeference: georef)
        try Reprojection(targetSRS: targetWKT).reproject(input: input, output: output)
        let (warped, warpedGeoref) = try RasterFile.read(output, as: Double.self)
        var g = warped
        g.nodata = .nan
        return (g, warpedGeoref)
    }
}
