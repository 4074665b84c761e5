import GeoSupport
import Raster

/// Points read from a CSV file for extraction (the `extract` stage): ids, coordinates, and the column names used.
public struct PointTable: Sendable {
    public let ids: [String]
    public let xs: [Double]
    public let ys: [Double]
    /// The coordinate fields as written in the file (echoed unchanged into the output).
    public let xTexts: [String]
    public let yTexts: [String]
    public let xName: String
    public let yName: String
    public let idName: String

    /// Reads `path`; `idColumn` nil means "id" when present, else the 1-based row number.
    /// Throws `CSVError` naming the file, line and column of the first bad field.
    public init(path: String, xColumn: String, yColumn: String, idColumn: String?) throws {
        let table = try CSVTable(path: path)
        let xc = try table.column(named: xColumn), yc = try table.column(named: yColumn)
        let ic: Int? = try idColumn.map { try table.column(named: $0) } ?? (try? table.column(named: "id"))
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(table.rows.count)
        ys.reserveCapacity(table.rows.count)
        for r in table.rows.indices {
            xs.append(try table.double(row: r, column: xc))
            ys.append(try table.double(row: r, column: yc))
        }
        self.xs = xs
        self.ys = ys
        xTexts = table.rows.map { $0[xc] }
        yTexts = table.rows.map { $0[yc] }
        ids = table.rows.indices.map { r in ic.map { table.rows[r][$0] } ?? String(r + 1) }
        xName = table.header[xc]
        yName = table.header[yc]
        idName = ic.map { table.header[$0] } ?? "id"
    }

    public var count: Int { xs.count }
}
