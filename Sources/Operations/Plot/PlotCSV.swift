import Foundation
import GeoSupport
import Plot

/// Numeric and date columns of a CSV table for plotting.
extension CSVTable {
    /// Values of column `name` as numbers: empty fields and NA/NaN/null are NaN; anything else
    /// that is not a number is an error naming the file, line and column.
    public func numbers(_ name: String) throws -> [Double] {
        let c = try column(named: name)
        return try rows.indices.map { try number(row: $0, column: c) }
    }

    /// The value at `row`, column index `c`, as `numbers` reads it.
    public func number(row: Int, column c: Int) throws -> Double {
        let text = rows[row][c].trimmingCharacters(in: .whitespaces)
        if text.isEmpty || ["na", "nan", "null", "none", "-"].contains(text.lowercased()) { return .nan }
        guard let v = Double(text) else {
            throw CSVError(path: path, line: lineNumbers[row], column: header[c], "'\(text)' is not a number")
        }
        return v
    }

    /// Values of column `name` as seconds since the Unix epoch (see `DateParsing`); empty fields are NaN.
    public func dates(_ name: String) throws -> [Double] {
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
    public func groups(by columns: [String]) throws -> [(key: [String], rows: [Int])] {
        let idx = try columns.map { try column(named: $0) }
        var map: [[String]: [Int]] = [:]
        for r in rows.indices { map[idx.map { rows[r][$0] }, default: []].append(r) }
        return map.map { ($0.key, $0.value) }.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}
