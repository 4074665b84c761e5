import Foundation
import GeoSupport

/// Reader for layered models in CSV: one model per row; a header is required and names the columns
/// `rho_1 … rho_n` (Ω·m) and `thk_1 … thk_{n−1}` (m), in any order (case-insensitive). Models with fewer layers
/// may share the file: a k-layer row gives rho_1 … rho_k and thk_1 … thk_{k−1} and leaves the other cells empty.
/// The file is CSV in geotool's one dialect (`GeoSupport.CSVReader`: quoted fields, CRLF, BOM, UTF-8).
/// Blank lines and lines starting with `#` are skipped. Errors are one line and name the row (1-based line number
/// in the file, header = line 1) and the field.
public enum ModelCSV {
    /// Parses CSV text into models.
    /// - Throws: `TEM1DError.badHeader`, `.wrongColumnCount(row:…)`, `.notANumber(row:field:…)`,
    ///   `.invalidParameter(what: "row R, field F", …)` for zero/negative/non-finite values; `CSVError` (naming
    ///   `path`, the line and the column) for text that is not CSV (an unterminated quote).
    public static func parse(_ text: String, path: String = "<text>") throws -> [LayeredModel] {
        try parse(bytes: Array(text.utf8), path: path)
    }

    /// Parses CSV bytes in geotool's one dialect (`GeoSupport.CSVReader`: UTF-8, quoted fields, LF/CRLF/CR, a
    /// byte-order mark skipped); fields are trimmed of spaces and tabs. Bytes that are not UTF-8 are a `CSVError`
    /// naming `path`, the line and the column; the other errors are as for `parse(_:path:)`.
    public static func parse(bytes: [UInt8], path: String) throws -> [LayeredModel] {
        try parseSoundings(bytes: bytes, path: path, allowGeometry: false).models
    }

    /// Optional per-model geometry columns for instrument runs: `height` (m, loop above the surface) and `rx_dz` (m,
    /// receiver above the loop plane on its axis); each defaults to 0 when its column is absent.
    public static let geometryColumns = ["height", "rx_dz"]

    /// As `parse(bytes:path:)`, and with `allowGeometry` the optional `height` / `rx_dz` columns: `geometry` has one
    /// `SoundingGeometry` per model when either column is present (nil otherwise). Cells must be finite numbers
    /// (height ≥ 0, height + rx_dz ≥ 0); errors name the row and field.
    public static func parseSoundings(bytes: [UInt8], path: String, allowGeometry: Bool) throws
        -> (models: [LayeredModel], geometry: [SoundingGeometry]?) {
        var reader = CSVReader(bytes: bytes, path: path, skipsComments: true)
        var header: [String]? = nil
        var rhoColumn: [Int] = [], thkColumn: [Int] = []
        var heightColumn: Int? = nil, offsetColumn: Int? = nil
        var models: [LayeredModel] = []
        var geometry: [SoundingGeometry] = []
        while let record = try reader.next() {
            let lineNo = record.line
            let fields = record.fields.map(trim)
            if fields.count == 1 && fields[0].isEmpty { continue }      // blank line
            guard let names = header else {
                var skipped = Set<Int>()
                if allowGeometry {
                    let lower = fields.map { $0.lowercased() }
                    heightColumn = lower.firstIndex(of: "height")
                    offsetColumn = lower.firstIndex(of: "rx_dz")
                    for name in geometryColumns where lower.filter({ $0 == name }).count > 1 {
                        throw TEM1DError.badHeader("duplicate column '\(name)'")
                    }
                    skipped = Set([heightColumn, offsetColumn].compactMap { $0 })
                }
                (rhoColumn, thkColumn) = try parseHeader(fields, skipping: skipped)
                header = fields
                continue
            }
            guard fields.count == names.count else {
                throw TEM1DError.wrongColumnCount(row: lineNo, expected: names.count, found: fields.count)
            }
            func value(_ col: Int, kind: String) throws -> Double {
                guard let v = Double(fields[col]) else {
                    throw TEM1DError.notANumber(row: lineNo, field: names[col], text: fields[col])
                }
                guard v > 0, v.isFinite else {
                    throw TEM1DError.invalidParameter(what: "row \(lineNo), field \(names[col])", value: v,
                                                      reason: "\(kind) must be finite and > 0")
                }
                return v
            }
            // k = number of leading non-empty rho cells; the rest of rho and thk_k… must be empty.
            let k = rhoColumn.firstIndex { fields[$0].isEmpty } ?? rhoColumn.count
            guard k >= 1 else {
                throw TEM1DError.missingField(row: lineNo, field: names[rhoColumn[0]], reason: "every model needs rho_1")
            }
            for (i, col) in rhoColumn.enumerated().dropFirst(k) where !fields[col].isEmpty {
                throw TEM1DError.missingField(row: lineNo, field: names[rhoColumn[k]],
                                              reason: "empty, but \(names[rhoColumn[i]]) is given")
            }
            for (i, col) in thkColumn.enumerated() where fields[col].isEmpty == (i < k - 1) {
                throw TEM1DError.missingField(row: lineNo, field: names[col], reason: i < k - 1
                    ? "a \(k)-layer model needs thk_1..thk_\(k - 1)"
                    : "must be empty in a \(k)-layer model (layer \(k) is the half-space)")
            }
            let rho = try rhoColumn.prefix(k).map { try value($0, kind: "resistivity (ohm·m)") }
            let thk = try thkColumn.prefix(k - 1).map { try value($0, kind: "thickness (m)") }
            models.append(LayeredModel(unchecked: rho, thicknesses: thk))
            if heightColumn != nil || offsetColumn != nil {
                func cell(_ col: Int?) throws -> Double {
                    guard let col else { return 0 }
                    guard let v = Double(fields[col]), v.isFinite else {
                        throw TEM1DError.notANumber(row: lineNo, field: names[col], text: fields[col])
                    }
                    return v
                }
                do {
                    geometry.append(try SoundingGeometry(height: try cell(heightColumn), receiverOffset: try cell(offsetColumn)))
                } catch let e as TEM1DError {
                    if case .notANumber = e { throw e }
                    throw TEM1DError.invalidParameter(what: "row \(lineNo), field \(names[heightColumn ?? offsetColumn!])",
                                                      value: try cell(heightColumn), reason: "\(e)")
                }
            }
        }
        guard header != nil else { throw TEM1DError.badHeader("no header line (expected rho_1,...,rho_n,thk_1,...)") }
        return (models, heightColumn != nil || offsetColumn != nil ? geometry : nil)
    }

    private static let spaceAndTab = CharacterSet(charactersIn: " \t")

    /// `field` without leading and trailing spaces and tabs (fields that need no trimming are returned as they are).
    private static func trim(_ field: String) -> String {
        let u = field.utf8
        guard let first = u.first, let last = u.last,
              first == 32 || first == 9 || last == 32 || last == 9 else { return field }
        return field.trimmingCharacters(in: spaceAndTab)
    }

    /// Reads and parses a CSV file.
    public static func read(contentsOf url: URL) throws -> [LayeredModel] {
        try parse(bytes: [UInt8](try Data(contentsOf: url)), path: url.path)
    }

    /// Writes models as CSV with the header this reader expects (columns for the largest layer count; models with
    /// fewer layers leave the remaining cells empty).
    public static func format(_ models: [LayeredModel]) -> String {
        guard let n = models.map(\.layerCount).max() else { return "" }
        let header = (1...n).map { "rho_\($0)" } + (1..<n).map { "thk_\($0)" }
        let rows = models.map { m in
            let k = m.layerCount
            return m.resistivities.map { "\($0)" } + Array(repeating: "", count: n - k)
                + m.thicknesses.map { "\($0)" } + Array(repeating: "", count: n - k)
        }
        return CSVWriter.text([header] + rows)
    }

    private static func parseHeader(_ fields: [String], skipping: Set<Int> = []) throws -> (rho: [Int], thk: [Int]) {
        var rho: [Int: Int] = [:], thk: [Int: Int] = [:]
        for (col, name) in fields.enumerated() where !skipping.contains(col) {
            let lower = name.lowercased()
            let parts = lower.split(separator: "_")
            guard parts.count == 2, let k = Int(parts[1]), k >= 1, parts[0] == "rho" || parts[0] == "thk" else {
                throw TEM1DError.badHeader("column \(col + 1) '\(name)' is not rho_<k> or thk_<k>")
            }
            if parts[0] == "rho" {
                guard rho[k] == nil else { throw TEM1DError.badHeader("duplicate column '\(name)'") }
                rho[k] = col
            } else {
                guard thk[k] == nil else { throw TEM1DError.badHeader("duplicate column '\(name)'") }
                thk[k] = col
            }
        }
        let n = rho.count
        guard n >= 1, (1...n).allSatisfy({ rho[$0] != nil }) else {
            throw TEM1DError.badHeader("resistivity columns must be rho_1..rho_n without gaps")
        }
        guard thk.count == n - 1, (0..<(n - 1)).allSatisfy({ thk[$0 + 1] != nil }) else {
            throw TEM1DError.badHeader("with \(n) resistivity columns the header needs thk_1..thk_\(n - 1)")
        }
        return ((1...n).map { rho[$0]! }, (1..<n).map { thk[$0]! })
    }
}
