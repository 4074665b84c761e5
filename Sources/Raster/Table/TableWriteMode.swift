/// What to do when the destination table already exists.
public enum TableWriteMode: String, Sendable, Equatable {
    /// Refuse (the default): an existing table is never touched.
    case create
    /// Add the rows to the existing table (created when missing); its columns must include the table's.
    case append
    /// Replace the existing table, in the same transaction as the new rows.
    case overwrite
}
