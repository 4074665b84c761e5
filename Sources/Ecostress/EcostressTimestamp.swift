/// An ECOSTRESS acquisition time (UTC) as written in file names, with calendar helpers that need
/// no Foundation formatter (so they are cheap and thread-safe).
public struct EcostressTimestamp: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int

    /// Validates the calendar fields (nil when e.g. month 13 or 30 February).
    public init?(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...EcostressTimestamp.daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        (self.year, self.month, self.day) = (year, month, day)
        (self.hour, self.minute, self.second) = (hour, minute, second)
    }

    /// From a year and day of year (1-based), as AppEEARS names write dates.
    public init?(year: Int, dayOfYear: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        guard (1...9999).contains(year), dayOfYear >= 1, dayOfYear <= (EcostressTimestamp.isLeap(year) ? 366 : 365) else {
            return nil
        }
        var month = 1, remaining = dayOfYear
        while remaining > EcostressTimestamp.daysIn(month: month, year: year) {
            remaining -= EcostressTimestamp.daysIn(month: month, year: year)
            month += 1
        }
        self.init(year: year, month: month, day: remaining, hour: hour, minute: minute, second: second)
    }

    /// Day of year, 1…366.
    public var dayOfYear: Int {
        (1..<month).reduce(day) { $0 + EcostressTimestamp.daysIn(month: $1, year: year) }
    }

    /// ISO 8601 date, `2023-07-12`.
    public var isoDate: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }
    /// Time of day, `10:13:22`.
    public var timeOfDay: String { "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))" }
    /// ISO 8601 date-time in UTC, `2023-07-12T10:13:22Z`.
    public var iso8601: String { "\(isoDate)T\(timeOfDay)Z" }
    public var description: String { iso8601 }

    public static func < (a: EcostressTimestamp, b: EcostressTimestamp) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
