/// The shape of a table: its attribute columns, the geometry of its rows and the CRS of that geometry.
public struct TableSchema: Sendable, Equatable {
    public let columns: [TableColumn]
    public let geometryType: TableGeometryType
    /// The CRS of the geometries (any definition `SpatialReference` accepts: `EPSG:4326`, WKT…); nil for none.
    public let crs: String?

    public init(columns: [TableColumn], geometryType: TableGeometryType = .none, crs: String? = nil) {
        self.columns = columns
        self.geometryType = geometryType
        self.crs = crs
    }

    /// Why `row` does not fit this schema (one line naming the column), or nil when it fits.
    public func mismatch(_ row: TableRow) -> String? {
        guard row.values.count == columns.count else {
            return "a row has \(row.values.count) values for \(columns.count) columns"
        }
        for (value, column) in zip(row.values, columns) where !value.fits(column.type) {
            return "column '\(column.name)': a value of the wrong type for a \(column.type.rawValue) column (\(value))"
        }
        switch (geometryType, row.geometry) {
        case (.none, nil): return nil
        case (.none, .some): return "a row has a geometry but the table has none"
        case (_, nil): return "a row has no geometry but the table has \(geometryType.rawValue) geometries"
        case (let expected, .some(let g)):
            return g.type == expected ? nil : "a \(g.type.rawValue) geometry in a table of \(expected.rawValue) geometries"
        }
    }
}
