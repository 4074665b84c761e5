import Foundation
import GeoSupport
import Grid
import Raster

/// The tables of the stages whose rows are the CSV or raster they have just written (extract, ecostress regrid,
/// resample): read back from those outputs into `Raster.Table` values, so the table holds exactly what the files hold.
public enum ResultTables {
    /// extract: the CSV's rows as points at the input coordinates (its `xColumn`/`yColumn`), in the points' CRS.
    public static func points(csvPath: String, xColumn: String, yColumn: String, crs: String) throws -> Table {
        let csv = try CSVTable(path: csvPath)
        guard let x = csv.header.firstIndex(of: xColumn), let y = csv.header.firstIndex(of: yColumn) else {
            throw OperationError("\(csvPath): no point coordinate columns '\(xColumn)', '\(yColumn)'")
        }
        return try Table(header: csv.header, textRows: csv.rows, pointColumns: (x, y), crs: crs)
    }

    /// ecostress regrid: every `<site>_<VARIABLE>.csv` among `outputs` in one table — `site`, `variable`, then the
    /// CSV's columns with the variable's own column named `value` — each row the polygon of its cell (centre `x`,
    /// `y`; size and CRS from the GeoTIFF beside the CSV). Sites without a GeoTIFF (no cell kept) add no rows.
    public static func regridCells(outputs: [String], variables: [String]) throws -> Table {
        var header: [String]?
        var rows: [[String]] = []
        var grid: (crs: String, width: Double, height: Double)?
        for csvPath in outputs where csvPath.hasSuffix(".csv") {
            let name = ((csvPath as NSString).lastPathComponent as NSString).deletingPathExtension
            guard let variable = variables.filter({ name.hasSuffix("_" + $0) }).max(by: { $0.count < $1.count }) else { continue }
            let site = String(name.dropLast(variable.count + 1))
            let tif = (csvPath as NSString).deletingPathExtension + ".tif"
            guard FileManager.default.fileExists(atPath: tif) else { continue }
            let georeference = try Dataset.open(tif).georeference
            guard let crs = georeference.crsWKT, let gt = georeference.geoTransform else { throw OperationError("\(tif): no georeference") }
            if let g = grid, g.crs != crs || g.width != gt.pixelWidth || g.height != gt.pixelHeight {
                throw OperationError("\(tif): another CRS or cell size than the other sites: one table holds one grid")
            }
            grid = (crs, gt.pixelWidth, gt.pixelHeight)
            let csv = try CSVTable(path: csvPath)
            let renamed = ["site", "variable"] + csv.header.map { $0 == variable ? "value" : $0 }
            if let header, header != renamed { throw OperationError("\(csvPath): other columns than the other regrid tables") }
            header = renamed
            rows += csv.rows.map { [site, variable] + $0 }
        }
        guard let header, let grid, let x = header.firstIndex(of: "x"), let y = header.firstIndex(of: "y") else {
            return Table(TableSchema(columns: [TableColumn("site", .text), TableColumn("variable", .text)]))
        }
        return try Table(header: header, textRows: rows, pointColumns: (x, y), crs: grid.crs,
                         cellSize: (width: grid.width, height: grid.height))
    }

    /// resample: the valid cells of band 1 of `raster`, with their polygons, values and — from `counts`, a raster of
    /// the same grid — valid-pixel counts.
    public static func cells(raster: String, counts: String?) throws -> Table {
        let (values, georeference) = try RasterFile.read(raster, as: Double.self)
        guard let gt = georeference.geoTransform else { throw OperationError("\(raster): no geotransform") }
        let count = try counts.map { try RasterFile.read($0, as: Double.self).grid }
        return try Table(cellsOf: values, counts: count, geoTransform: gt, crs: georeference.crsWKT)
    }

    /// resample: the valid cells of `output` (written by `parameters`) with their valid-pixel counts — from a second
    /// pass with the count method into a hidden temporary beside the output (the output itself when the method is count).
    public static func resampledCells(_ parameters: ResampleOperation.Parameters, output: String) throws -> Table {
        guard parameters.method != .count else { return try cells(raster: output, counts: output) }
        var counting = parameters
        (counting.method, counting.minValidFraction, counting.outputType) = (.count, 0, nil)
        counting.output = RasterOutputParameters()
        let scratch = TemporaryName.forOutput(output) + ".tif"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        try ResampleOperation.run(counting, output: scratch)
        return try cells(raster: output, counts: scratch)
    }
}
