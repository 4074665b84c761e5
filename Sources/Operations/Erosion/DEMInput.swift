import Foundation
import Grid
import Raster
import Erosion

/// A DEM read for erosion work: elevations as Float64, georeference, and metric cell sizes.
///
/// Cell sizes: projected CRS → |pixel size| × the CRS's linear unit (metres); pixels need not be
/// square (dx and dy are used separately everywhere). Geographic CRS → degrees converted to metres
/// per row, at each row's centre latitude on the WGS84 ellipsoid (`CellGeometry.geographic(transform:height:)`:
/// the east–west size shrinks with latitude). A DEM without a CRS is refused.
public struct DEMInput: Sendable {
    public let path: String
    /// The elevations (8 B/cell); empty after `takeGrid()`.
    public private(set) var grid: Grid<Double>
    /// The DEM's size in pixels (kept after `takeGrid()`).
    public let width: Int
    public let height: Int
    public let georeference: Georeference
    public let geometry: CellGeometry
    public let isGeographic: Bool

    /// Reads the DEM at `path`; errors name the file.
    public init(path: String) throws {
        let (grid, georef) = try RasterFile.read(path, as: Double.self)
        guard let wkt = georef.crsWKT, !wkt.isEmpty else {
            throw OperationError("\(path): the DEM has no CRS (needed for metric cell sizes)")
        }
        guard let gt = georef.geoTransform, gt != .identity else {
            throw OperationError("\(path): the DEM has no geotransform")
        }
        guard gt.rowRotation == 0, gt.colRotation == 0 else {
            throw OperationError("\(path): rotated geotransforms are not supported")
        }
        let srs = try SpatialReference(wkt: wkt)
        self.path = path
        self.grid = grid
        width = grid.width
        height = grid.height
        self.georeference = georef
        isGeographic = srs.isGeographic
        do {
            if srs.isGeographic {
                geometry = try CellGeometry.geographic(transform: gt, height: grid.height)
            } else {
                let unit = srs.linearUnitsInMetres
                geometry = try CellGeometry(dx: abs(gt.pixelWidth) * unit, dy: abs(gt.pixelHeight) * unit)
            }
        } catch {
            throw OperationError("\(path): \(error)")
        }
    }

    /// Hands over the elevations, leaving `grid` empty (0 × 0), so that a derivation can fill them in place
    /// instead of copying them (`TerrainBuilder.derive(taking:…)`).
    public mutating func takeGrid() -> Grid<Double> {
        var out = Grid<Double>(width: 0, height: 0, values: [])
        swap(&out, &grid)
        return out
    }

    /// A one-line description of the cell size used, for stderr.
    public var geometryNote: String {
        let s = String(format: "%.3f × %.3f m", geometry.dx, geometry.dy)
        var note = "cell size \(s)"
        if isGeographic {
            let north = geometry.dx(row: 0), south = geometry.dx(row: height - 1)
            note += String(format: " at the centre row (degrees converted per row: dx %.3f m in the first row, %.3f m in the last)",
                           north, south)
        }
        if geometry.dx != geometry.dy { note += "; non-square pixels: dx and dy used separately" }
        return note
    }
}
