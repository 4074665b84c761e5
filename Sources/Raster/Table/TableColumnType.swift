/// The type of a table column, as it is stored in the destination: 64-bit integers, doubles, text, calendar
/// dates (SQL DATE) and UTC date-times (SQL TIMESTAMP).
public enum TableColumnType: String, Sendable, Equatable, CaseIterable {
    case integer, real, text, date, dateTime
}
