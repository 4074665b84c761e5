import Foundation
import Raster

/// A table with every column type, nulls, awkward text and point geometries in UTM 33N, for write/read-back tests.
enum TableFixture {
    static let schema = TableSchema(columns: [
        TableColumn("id", .integer), TableColumn("value", .real), TableColumn("name", .text),
        TableColumn("day", .date), TableColumn("taken", .dateTime),
    ], geometryType: .point, crs: "EPSG:32633")

    /// `count` rows drawn from `seed` (row 3 has nulls; reals span many magnitudes).
    static func table(count: Int, seed: UInt64 = 7) -> Table {
        var state = seed
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 11 }
        var t = Table(schema)
        for i in 0..<count {
            let magnitude = Double(Int(next() % 20) - 10)
            let value = (Double(next() % 1_000_000) / 7.0 - 50_000) * pow(10, magnitude)
            let names = ["plain", "comma, quote \" and 'single'", "ünïcode ✓", "x"]
            let values: [TableValue] = i == 3
                ? [.integer(Int64(i) - 1_000_000_000_000), .null, .null, .null, .null]
                : [.integer(Int64(i) - 1_000_000_000_000), .real(value), .text(names[i % names.count] + "\(i)"),
                   .date(year: 2000 + i % 30, month: 1 + i % 12, day: 1 + i % 28),
                   .dateTime(year: 2023, month: 6, day: 1 + i % 28, hour: i % 24, minute: i % 60, second: Double(i % 60))]
            t.append(TableRow(values, geometry: .point(x: 500_000 + Double(i) * 10.25, y: 4_000_000 - Double(i) * 3.5)))
        }
        return t
    }

    /// How `ogrinfo` prints a value (dates with slashes, UTC as +00, reals compared numerically by the caller).
    static func ogrText(_ v: TableValue) -> String {
        switch v {
        case .null: return "(null)"
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .text(let s): return s
        case .date(let y, let m, let d): return String(format: "%04d/%02d/%02d", y, m, d)
        case .dateTime(let y, let m, let d, let h, let mi, let s):
            return String(format: "%04d/%02d/%02d %02d:%02d:%02d+00", y, m, d, h, mi, Int(s))
        }
    }
}
