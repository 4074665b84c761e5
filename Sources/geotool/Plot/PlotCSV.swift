import Foundation
import GeoSupport
import Plot

/// Numeric and date columns of a CSV table for plotting.
extension CSVTable {
    /// Values of column `name` as numbers: empty fields and NA/NaN/null are NaN; anything else
    /// that is not a number is an error naming the file, line and column.
    func numbers(_ name: String) throws -> [Double] {
        let c = try column(named: name)
        return try rows.indices.map { try number(row: $0, column: c) }
    }

    func number(row: Int, column c: Int) throws -> Double {
        let text = rows[row][c].trimmingCharacters(in: .whitespaces)
        if text.isEmpty || ["na", "nan", "null", "none", "-"].contains(text.lowercased()) { return .nan }
        guard let v = Double(text) else {
            throw CSVError(path: path, line: lineNumbers[row], column: header[c], "'\(text)' is not a number")
        }
        return v
    }

    /// Values of column `name` as seconds since the Unix epoch (see `DateParsing`); empty fields are NaN.
    func dates(_ name: String) throws -> [Double] {
        let c = try column(named: name)
        return try rows.indices.map { r in
            let text = rows[r][c].trimmingCharacters(in: .whitespaces)
            if text.isEmpty { return .nan }
            guard let t = DateParsing.seconds(text) else {
                throw CSVError(path: path, line: lineNumbers[r], column: header[c],
                               "'\(text)' is not a date (YYYY-MM-DD[THH:MM[:SS]][Z] or seconds since 1970)")
            }
            return t
        }
    }

    /// Row indices grouped by the values of `columns`, groups in sorted key order.
    func groups(by columns: [String]) throws -> [(key: [String], rows: [Int])] {
        let idx = try columns.map { try column(named: $0) }
        var map: [[String]: [Int]] = [:]
        for r in rows.indices { map[idx.map { rows[r][$0] }, default: []].append(r) }
        return map.map { ($0.key, $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}

/// Parses UTC timestamps: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]][Z]" (space instead of T
/// allowed), or a plain number of seconds since 1970-01-01.
enum DateParsing {
    static func seconds(_ text: String) -> Double? {
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
