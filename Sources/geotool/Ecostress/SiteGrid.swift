import Grid
import Raster

/// One date of one site × variable after aggregation: the coarse cells (NaN = nodata) on the
/// site's target grid.
struct SiteGrid: Sendable {
    let acquired: EcostressTimestamp
    let cells: Grid<Double>
    let geoTransform: GeoTransform

    /// Cells of several grids of the same time (adjacent tiles) merged: first valid value wins.
    static func merged(_ grids: [SiteGrid]) -> SiteGrid {
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
