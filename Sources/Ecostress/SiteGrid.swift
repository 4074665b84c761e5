import GeoSupport
import Grid

/// One date of one site × variable after aggregation: the coarse cells (NaN = nodata) on the
/// site's target grid.
public struct SiteGrid: Sendable {
    /// The acquisition the cells come from.
    public let acquired: EcostressTimestamp
    /// Coarse cells, NaN = nodata.
    public let cells: Grid<Double>
    /// The cells' place in the target CRS.
    public let geoTransform: GeoTransform

    public init(acquired: EcostressTimestamp, cells: Grid<Double>, geoTransform: GeoTransform) {
        self.acquired = acquired
        self.cells = cells
        self.geoTransform = geoTransform
    }

    /// Cells of several grids of the same time (adjacent tiles) merged: first valid value wins.
    public static func merged(_ grids: [SiteGrid]) -> SiteGrid {
        var first = grids[0]
        for g in grids.dropFirst() {
            let values = zip(first.cells.values, g.cells.values).map { $0.isNaN ? $1 : $0 }
            first = SiteGrid(acquired: first.acquired,
                             cells: Grid(width: first.cells.width, height: first.cells.height, values: values, nodata: .nan),
                             geoTransform: first.geoTransform)
        }
        return first
    }
}

extension SiteGrid {
    /// Checks, before any file is read, that a site's grid of `extent` at `resolution` (8 bytes a cell,
    /// as it is accumulated and held) fits the memory budget; the error names the sites file and the site.
    public static func checkSize(of site: Site, extent e: (minX: Double, minY: Double, maxX: Double, maxY: Double),
                          resolution: (x: Double, y: Double), sitesFile: String) throws {
        do {
            _ = try CheckedSize.grid(width: ((e.maxX - e.minX) / resolution.x).rounded(.up),
                                     height: ((e.maxY - e.minY) / resolution.y).rounded(.up),
                                     bytesPerCell: MemoryLayout<Double>.size, field: "site '\(site.name)'",
                                     subject: "its grid at the target resolution")
        } catch {
            throw EcostressError(path: sitesFile, "\(error)")
        }
    }
}
