import Foundation
import GeoSupport

/// Ticks for a time axis whose values are seconds since the Unix epoch (UTC).
///
/// The step is the smallest calendar-aware unit giving at most `count` ticks: seconds, minutes,
/// hours, days, weeks, months (1, 2, 3, 6) or years (nice multiples). Ticks fall on round times
/// (midnight, month or year starts); labels are ISO-like: "2021", "2021-03", "2021-03-15", "03-15 12:00", "12:30:05".
public enum DateTicks {
    enum Unit { case second, minute, hour, day, month, year }

    public static func ticks(min lo: Double, max hi: Double, count: Int = 6) -> [Tick] {
        guard lo.isFinite, hi.isFinite else { return [] }
        // Ticks only where calendar dates exist (`UTCDate.supportedRange`).
        let r = UTCDate.supportedRange
        let a = Swift.min(Swift.max(Swift.min(lo, hi), r.lowerBound), r.upperBound)
        let b = Swift.min(Swift.max(Swift.max(lo, hi), r.lowerBound), r.upperBound)
        let span = Swift.max(b - a, 1)
        let target = Double(Swift.max(count, 2))
        let fixed: [(Double, Unit)] = [(1, .second), (2, .second), (5, .second), (10, .second), (15, .second),
                                       (30, .second), (60, .minute), (120, .minute), (300, .minute), (600, .minute),
                                       (900, .minute), (1800, .minute), (3600, .hour), (7200, .hour), (10800, .hour),
                                       (21600, .hour), (43200, .hour), (86400, .day), (172800, .day), (604800, .day),
                                       (1209600, .day)]
        if let (step, unit) = fixed.first(where: { span / $0.0 <= target }) {
            var out: [Tick] = []
            var t = (a / step).rounded(.up) * step
            while t <= b + 1e-6 && out.count <= 500 {
                out.append(Tick(value: t, label: TickLabel(label(t, unit: unit, span: span))))
                t += step
            }
            return out
        }
        let months = span / (30.44 * 86400)
        if let m = [1, 2, 3, 6].first(where: { months / Double($0) <= target }) {
            return calendarTicks(a, b, monthStep: m, unit: .month)
        }
        let years = span / (365.25 * 86400)
        let ystep = CheckedSize.clamped(NiceNumbers.nice(years / target, round: false), to: 1...1_000_000)
        return calendarTicks(a, b, monthStep: 12 * ystep, unit: .year)
    }

    /// Ticks at month starts whose month index (or year) is a multiple of the step.
    private static func calendarTicks(_ a: Double, _ b: Double, monthStep: Int, unit: Unit) -> [Tick] {
        let start = UTCDate(secondsSinceEpoch: a)
        var monthIndex = start.year * 12 + (start.month - 1)   // months since year 0
        monthIndex = Int((Double(monthIndex) / Double(monthStep)).rounded(.down)) * monthStep
        var out: [Tick] = []
        while true {
            let y = Int((Double(monthIndex) / 12).rounded(.down)), m = monthIndex - y * 12 + 1
            let t = Double(UTCDate.days(year: y, month: m, day: 1)) * 86400
            if t > b + 1e-6 || out.count > 500 { break }
            if t >= a - 1e-6 { out.append(Tick(value: t, label: TickLabel(label(t, unit: unit, span: b - a)))) }
            monthIndex += monthStep
        }
        return out
    }

    static func label(_ t: Double, unit: Unit, span: Double) -> String {
        let d = UTCDate(secondsSinceEpoch: t)
        func p2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let sec = Int(d.second.rounded(.down))
        switch unit {
        case .year: return "\(d.year)"
        case .month: return "\(d.year)-\(p2(d.month))"
        case .day: return "\(d.year)-\(p2(d.month))-\(p2(d.day))"
        case .hour: return span > 86400 ? "\(p2(d.month))-\(p2(d.day)) \(p2(d.hour)):00" : "\(p2(d.hour)):00"
        case .minute: return span > 86400 ? "\(p2(d.month))-\(p2(d.day)) \(p2(d.hour)):\(p2(d.minute))"
                                          : "\(p2(d.hour)):\(p2(d.minute))"
        case .second: return "\(p2(d.hour)):\(p2(d.minute)):\(p2(sec))"
        }
    }
}
