extension Table {
    /// The long form of a wide table of text cells: for every row and every measured column, one row holding
    /// the kept columns (types inferred), the measured column's 1-based position among the measured ones, its
    /// coordinate (e.g. a gate's time) and the cell as a real. `names` names those three columns.
    /// Example: TEM1D responses (model, parameters, one column per gate) → (model, parameters, gate, time, value).
    public init(longFormOf header: [String], textRows: [[String]], kept: [Int], measured: [Int], coordinates: [Double],
                names: (index: String, coordinate: String, value: String)) throws(TableError) {
        guard measured.count == coordinates.count else {
            throw TableError(.invalidRow, destination: nil,
                             "\(measured.count) measured columns but \(coordinates.count) coordinates")
        }
        let all = Self.inferredColumns(header, textRows)
        let keptColumns = kept.map { all[$0] }
        let schema = TableSchema(columns: keptColumns + [TableColumn(names.index, .integer),
                                                         TableColumn(names.coordinate, .real), TableColumn(names.value, .real)])
        self.init(schema)
        for (r, cells) in textRows.enumerated() {
            guard cells.count == header.count else {
                throw TableError(.invalidRow, destination: nil, "row \(r + 1) has \(cells.count) cells for \(header.count) columns")
            }
            var keptValues: [TableValue] = []
            for (c, column) in zip(kept, keptColumns) {
                guard let v = TableValue(parsing: cells[c], as: column.type) else {
                    throw TableError(.invalidRow, destination: nil, "row \(r + 1), column '\(column.name)': '\(cells[c])'")
                }
                keptValues.append(v)
            }
            for (k, c) in measured.enumerated() {
                guard let v = TableValue(parsing: cells[c], as: .real) else {
                    throw TableError(.invalidRow, destination: nil, "row \(r + 1), column '\(header[c])': '\(cells[c])' is not a number")
                }
                append(TableRow(keptValues + [.integer(Int64(k + 1)), .real(coordinates[k]), v]))
            }
        }
    }
}
