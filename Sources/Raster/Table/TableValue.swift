import Foundation

/// One cell of a table: a typed value or null. Dates are calendar dates; date-times are UTC.
public enum TableValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case date(year: Int, month: Int, day: Int)
    case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Double)

    /// Whether the value can be stored in a column of `type` (null fits every column; an integer fits a real one).
    public func fits(_ type: TableColumnType) -> Bool {
        switch (self, type) {
        case (.null, _), (.integer, .integer), (.integer, .real), (.real, .real), (.text, .text),
             (.date, .date), (.dateTime, .dateTime):
            return true
        default:
            return false
        }
    }

    /// The value of a text cell (as geotool writes CSV) read as `type`: an empty cell is null; integers and
    /// reals in Swift's number syntax (`nan`/`inf` are null: a database column holds finite numbers); dates as
    /// `YYYY-MM-DD`; date-times as `YYYY-MM-DDThh:mm:ss[.fff][Z]` (or a space instead of `T`), in UTC.
    /// Returns nil when `text` is not a value of that type.
    public init?(parsing text: String, as type: TableColumnType) {
        if text.isEmpty { self = .null; return }
        switch type {
        case .text:
            self = .text(text)
        case .integer:
            guard let v = Int64(text) else { return nil }
            self = .integer(v)
        case .real:
            guard let v = Double(text) else { return nil }
            self = v.isFinite ? .real(v) : .null
        case .date:
            guard let (y, m, d) = Self.calendarDate(text), text.count == 10 else { return nil }
            self = .date(year: y, month: m, day: d)
        case .dateTime:
            guard text.count >= 19, let (y, m, d) = Self.calendarDate(String(text.prefix(10))) else { return nil }
            let chars = Array(text)
            guard chars[10] == "T" || chars[10] == " ", chars[13] == ":", chars[16] == ":",
                  let h = Int(String(chars[11..<13])), let mi = Int(String(chars[14..<16])) else { return nil }
            var rest = String(chars[17...])
            if rest.hasSuffix("Z") { rest.removeLast() }
            guard let s = Double(rest), (0..<24).contains(h), (0..<60).contains(mi), s >= 0, s < 61 else { return nil }
            self = .dateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s)
        }
    }

    /// `YYYY-MM-DD` with a valid month and day.
    private static func calendarDate(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= daysInMonth(year: y, month: m) else { return nil }
        return (y, m, d)
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
