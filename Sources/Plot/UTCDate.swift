/// A proleptic Gregorian UTC calendar date-time, converted to and from seconds since 1970-01-01
/// with Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms (no time zones, no locale).
public struct UTCDate: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int = 0
    public var minute: Int = 0
    public var second: Double = 0

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0) {
        self.year = year; self.month = month; self.day = day
        self.hour = hour; self.minute = minute; self.second = second
    }

    /// Seconds since the Unix epoch that a date axis can show: the years −1,000,000 to 1,000,000
    /// (well inside the range where whole seconds are exact and calendar arithmetic cannot overflow).
    public static let supportedRange: ClosedRange<Double> =
        Double(days(year: -1_000_000, month: 1, day: 1)) * 86400...Double(days(year: 1_000_000, month: 1, day: 1)) * 86400

    /// The calendar fields of `seconds` since the Unix epoch; times outside `supportedRange` are
    /// clamped to its ends (NaN gives the epoch).
    public init(secondsSinceEpoch seconds: Double) {
        let r = UTCDate.supportedRange
        let t = seconds.isNaN ? 0 : Swift.min(Swift.max(seconds, r.lowerBound), r.upperBound)
        let days = Int((t / 86400).rounded(.down))
        var rem = t - Double(days) * 86400
        let (y, m, d) = UTCDate.civil(fromDays: days)
        year = y; month = m; day = d
        hour = Int(rem / 3600); rem -= Double(hour) * 3600
        minute = Int(rem / 60); rem -= Double(minute) * 60
        second = rem
    }

    /// Seconds since the Unix epoch.
    public var secondsSinceEpoch: Double {
        Double(UTCDate.days(year: year, month: month, day: day)) * 86400
            + Double(hour) * 3600 + Double(minute) * 60 + second
    }

    /// Days since 1970-01-01 of a civil date.
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The civil date of a day count since 1970-01-01.
    public static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
