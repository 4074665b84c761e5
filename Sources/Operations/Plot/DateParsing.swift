import Plot

/// Parses UTC timestamps: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z]" (space instead of T
/// allowed), or a plain number of seconds since 1970-01-01.
public enum DateParsing {
    /// Seconds since 1970-01-01T00:00Z of `text`, or nil if it is not one of the accepted forms.
    public static func seconds(_ text: String) -> Double? {
        if let v = Double(text) { return v }
        var s = Substring(text)
        if s.hasSuffix("Z") || s.hasSuffix("z") { s = s.dropLast() }
        let parts = s.split(maxSplits: 1, whereSeparator: { $0 == "T" || $0 == " " })
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3, (1...12).contains(ymd[1]), (1...31).contains(ymd[2]) else { return nil }
        var h = 0, m = 0, sec = 0.0
        if parts.count == 2 {
            let hms = parts[1].split(separator: ":")
            guard (2...3).contains(hms.count), let hh = Int(hms[0]), let mm = Int(hms[1]),
                  (0...23).contains(hh), (0...59).contains(mm) else { return nil }
            h = hh; m = mm
            if hms.count == 3 { guard let ss = Double(hms[2]), ss >= 0, ss < 61 else { return nil }; sec = ss }
        }
        return UTCDate(year: ymd[0], month: ymd[1], day: ymd[2], hour: h, minute: m, second: sec).secondsSinceEpoch
    }
}
