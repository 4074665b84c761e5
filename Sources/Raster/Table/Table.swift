/// A table as a value: a schema and its rows. The one form in which geotool's tabular results (extracted
/// values, regrid cells, scenario summaries, batch results…) reach a database, whoever produced them.
public struct Table: Sendable, Equatable {
    public let schema: TableSchema
    public private(set) var rows: [TableRow] = []

    public init(_ schema: TableSchema, rows: [TableRow] = []) {
        self.schema = schema
        self.rows = rows
    }

    /// Appends a row (checked against the schema when the table is written).
    public mutating func append(_ row: TableRow) { rows.append(row) }

    /// A table of typed columns from rows of text cells (CSV-style, as geotool writes them): each cell is read
    /// with `TableValue(parsing:as:)` for its column's type. `geometries`, when given, has one geometry per
    /// row. Throws `TableError` naming the row (1-based) and column of a cell that is not of its column's type.
    public init(schema: TableSchema, textRows: [[String]], geometries: [TableGeometry]? = nil) throws(TableError) {
        self.schema = schema
        rows.reserveCapacity(textRows.count)
        for (r, cells) in textRows.enumerated() {
            guard cells.count == schema.columns.count else {
                throw TableError(.invalidRow, destination: nil,
                                 "row \(r + 1) has \(cells.count) cells for \(schema.columns.count) columns")
            }
            var values: [TableValue] = []
            values.reserveCapacity(cells.count)
            for (cell, column) in zip(cells, schema.columns) {
                guard let v = TableValue(parsing: cell, as: column.type) else {
                    throw TableError(.invalidRow, destination: nil,
                                     "row \(r + 1), column '\(column.name)': '\(cell)' is not a \(column.type.rawValue) value")
                }
                values.append(v)
            }
            rows.append(TableRow(values, geometry: geometries?[r]))
        }
    }
}
