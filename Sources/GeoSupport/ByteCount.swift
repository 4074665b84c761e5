/// Human-readable sizes and counts for one-line messages: "12 GiB", "6.9 EiB", "1,000,000,000".
public enum ByteCount {
    /// `bytes` in binary units (B, KiB, MiB, GiB, TiB, PiB, EiB) with up to two significant decimals;
    /// sizes beyond the EiB range are shown in scientific notation ("1.0e+40 B").
    public static func format(_ bytes: Double) -> String {
        guard bytes.isFinite else { return bytes.isNaN ? "an unknown size" : "an unbounded size" }
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var v = abs(bytes), i = 0
        while v >= 1024 && i < units.count - 1 { v /= 1024; i += 1 }
        if v >= 1024 { return "\(scientific(bytes)) B" }
        let text = i == 0 || v >= 100 || v == v.rounded() ? "\(Int(v.rounded()))" : trimmed(v)
        return "\(bytes < 0 ? "-" : "")\(text) \(units[i])"
    }

    /// An integral count with thousands separators ("1,000,000,000"); values that are not whole
    /// numbers below 10¹⁸ are shown in scientific notation.
    public static func grouped(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        guard abs(value) < 1e18, value == value.rounded() else { return scientific(value) }
        return grouped(Int(value))
    }

    /// An integer with thousands separators ("9,223,372,036,854,775,807").
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// `v` with one decimal, e.g. 6.9 (values already reduced to 1…1023).
    private static func trimmed(_ v: Double) -> String {
        let tenths = (v * 10).rounded()
        let whole = Int(tenths / 10), frac = Int(tenths) % 10
        return frac == 0 ? "\(whole)" : "\(whole).\(frac)"
    }

    /// Scientific notation with two significant digits, e.g. "1.0e+40".
    private static func scientific(_ v: Double) -> String {
        guard v != 0 else { return "0" }
        var e = 0, m = abs(v)
        while m >= 10 { m /= 10; e += 1 }
        while m < 1 { m *= 10; e -= 1 }
        var tenths = (m * 10).rounded()
        if tenths >= 100 { tenths /= 10; e += 1 }
        let mant = "\(Int(tenths) / 10).\(Int(tenths) % 10)"
        return "\(v < 0 ? "-" : "")\(mant)e\(e < 0 ? "-" : "+")\(abs(e) < 10 ? "0" : "")\(abs(e))"
    }
}
