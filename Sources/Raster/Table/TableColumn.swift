/// One attribute column of a table: its name and its type.
public struct TableColumn: Sendable, Equatable {
    /// The column name, as given (a driver may launder it: PostgreSQL lower-cases by default).
    public let name: String
    public let type: TableColumnType

    public init(_ name: String, _ type: TableColumnType) {
        self.name = name
        self.type = type
    }
}
