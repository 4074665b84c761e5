import GeoSupport

extension TableColumnType {
    /// The narrowest type that reads every non-empty cell of a text column (as geotool writes CSV): integer, then
    /// real, date, date-time, else text. Numbers written with a leading zero (`007`) stay text: they are codes.
    /// An all-empty column is text.
    public static func inferred(from cells: some Sequence<String>) -> TableColumnType {
        var candidates: [TableColumnType] = [.integer, .real, .date, .dateTime]
        var sawValue = false
        for cell in cells where !cell.isEmpty {
            sawValue = true
            let code = Self.isZeroPadded(cell)
            candidates.removeAll { type in
                (code && (type == .integer || type == .real)) || TableValue(parsing: cell, as: type) == nil
            }
            if candidates.isEmpty { return .text }
        }
        return sawValue ? candidates[0] : .text
    }

    private static func isZeroPadded(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        guard digits.count > 1, digits.first == "0" else { return false }
        return digits.dropFirst().first?.isNumber == true
    }
}

extension Table {
    /// A plain table (no geometry) from a header and rows of text cells, each column typed by
    /// `TableColumnType.inferred(from:)` — the form in which results without a declared schema (batch results with
    /// their parameters, per-group plot metrics, scenario summaries) become database tables.
    public init(header: [String], textRows: [[String]]) throws(TableError) {
        try self.init(schema: TableSchema(columns: Self.inferredColumns(header, textRows)), textRows: textRows)
    }

    /// A table of points from a header and rows of text cells: columns typed as by `init(header:textRows:)`, each
    /// row's point read from its `x` and `y` columns (coordinates in `crs`) — or, with `cellSize`, the rectangle of
    /// that size centred there (a grid cell given by its centre). Throws naming a row whose coordinates are not
    /// finite numbers.
    public init(header: [String], textRows: [[String]], pointColumns: (x: Int, y: Int), crs: String,
                cellSize: (width: Double, height: Double)? = nil) throws(TableError) {
        var geometries: [TableGeometry] = []
        geometries.reserveCapacity(textRows.count)
        for (r, cells) in textRows.enumerated() {
            guard pointColumns.x < cells.count, pointColumns.y < cells.count,
                  let x = Double(cells[pointColumns.x]), let y = Double(cells[pointColumns.y]), x.isFinite, y.isFinite else {
                throw TableError(.invalidRow, destination: nil, "row \(r + 1): no point coordinates in columns "
                                 + "'\(header[pointColumns.x])', '\(header[pointColumns.y])'")
            }
            if let (w, h) = cellSize.map({ (abs($0.width) / 2, abs($0.height) / 2) }) {
                geometries.append(.rectangle(minX: x - w, minY: y - h, maxX: x + w, maxY: y + h))
            } else {
                geometries.append(.point(x: x, y: y))
            }
        }
        let type: TableGeometryType = cellSize == nil ? .point : .polygon
        try self.init(schema: TableSchema(columns: Self.inferredColumns(header, textRows), geometryType: type, crs: crs),
                      textRows: textRows,
                      geometries: geometries)
    }

    /// A plain table from a parsed CSV file, columns typed as by `init(header:textRows:)`.
    public init(csv: CSVTable) throws(TableError) {
        try self.init(header: csv.header, textRows: csv.rows)
    }

    /// Columns named by `header`, each typed by the cells under it.
    static func inferredColumns(_ header: [String], _ textRows: [[String]]) -> [TableColumn] {
        header.indices.map { c in
            TableColumn(header[c], TableColumnType.inferred(from: textRows.lazy.map { c < $0.count ? $0[c] : "" }))
        }
    }
}
