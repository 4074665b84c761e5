extension Table {
    /// Writes the whole table to `destination` in one transaction (see `TableWriter`); returns the rows written.
    @discardableResult
    public func write(to destination: TableDestination, metadata: [String: String] = [:]) throws(TableError) -> Int {
        let writer = try TableWriter(destination: destination, schema: schema, metadata: metadata)
        try writer.write(contentsOf: rows)
        return try writer.commit()
    }
}
