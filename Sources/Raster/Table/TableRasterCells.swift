import Grid

extension Table {
    /// One row per valid cell of a raster band (nodata and NaN cells are left out): its polygon (from the
    /// geotransform, in `crs`), `col` and `row` (0-based), the value and, when `counts` is given (same size), the
    /// number of valid input pixels behind the cell — a block aggregation's result as a table (the seeds'
    /// `output_table`).
    public init(cellsOf values: Grid<Double>, counts: Grid<Double>? = nil, geoTransform gt: GeoTransform,
                crs: String?) throws(TableError) {
        if let counts, counts.width != values.width || counts.height != values.height {
            throw TableError(.invalidRow, destination: nil, "the count grid is \(counts.width)×\(counts.height), the values \(values.width)×\(values.height)")
        }
        var columns = [TableColumn("col", .integer), TableColumn("row", .integer), TableColumn("value", .real)]
        if counts != nil { columns.append(TableColumn("valid_count", .integer)) }
        self.init(TableSchema(columns: columns, geometryType: .polygon, crs: crs))
        for row in 0..<values.height {
            for col in 0..<values.width {
                let i = values.index(col: col, row: row)
                guard values.isValid(at: i), values.values[i].isFinite else { continue }
                let corners = [gt.world(col: Double(col), row: Double(row)), gt.world(col: Double(col + 1), row: Double(row)),
                               gt.world(col: Double(col + 1), row: Double(row + 1)), gt.world(col: Double(col), row: Double(row + 1))]
                var ring: [Double] = []
                for c in corners + [corners[0]] { ring += [c.x, c.y] }
                var cells: [TableValue] = [.integer(Int64(col)), .integer(Int64(row)), .real(values.values[i])]
                if let counts {
                    let n = counts.isValid(at: i) ? counts.values[i] : 0
                    cells.append(Int64(exactly: n.rounded()).map { .integer($0) } ?? .null)
                }
                append(TableRow(cells, geometry: .polygon(ring: ring)))
            }
        }
    }
}
