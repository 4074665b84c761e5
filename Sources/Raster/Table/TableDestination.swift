import Foundation

/// Where a table goes, by GDAL's conventions: a file (format from its extension, or a named OGR driver) or a
/// `PG:` connection string (PostgreSQL/PostGIS); the table (layer) name; what to do when it exists; and
/// layer / dataset creation options passed to the driver as given (`KEY=VALUE`).
public struct TableDestination: Sendable, Equatable {
    /// A file path or a `PG:…` connection string.
    public let target: String
    /// The OGR driver (short name), resolved from `target` when not given.
    public let driver: String
    /// The table (OGR layer) name.
    public let table: String
    public let mode: TableWriteMode
    public let layerOptions: [String: String]
    public let datasetOptions: [String: String]

    /// Resolves the driver: `driver` when given, `PostgreSQL` for a `PG:` target, else from the file extension
    /// (`.gpkg` GPKG, `.fgb` FlatGeobuf, `.geojson`/`.json` GeoJSON, `.csv` CSV). Throws `TableError(.unknownDriver)`
    /// when none can be told; the driver's capabilities are checked when writing starts.
    public init(_ target: String, driver: String? = nil, table: String, mode: TableWriteMode = .create,
                layerOptions: [String: String] = [:], datasetOptions: [String: String] = [:]) throws(TableError) {
        let shown = PasswordRedaction.redact(target)
        guard !target.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw TableError(.cannotOpen, destination: nil, "empty table destination")
        }
        guard !table.isEmpty, !table.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw TableError(.invalidRow, destination: shown, "invalid table name '\(table)'")
        }
        if let driver, !driver.isEmpty {
            self.driver = driver
        } else if Self.isConnectionString(target) {
            self.driver = "PostgreSQL"
        } else {
            let ext = (target as NSString).pathExtension.lowercased()
            guard let name = Self.driverByExtension[ext] else {
                throw TableError(.unknownDriver, destination: shown,
                                 "cannot tell the table format from the extension '.\(ext)' (name an OGR driver: GPKG, PostgreSQL, FlatGeobuf, GeoJSON, CSV)")
            }
            self.driver = name
        }
        self.target = target
        self.table = table
        self.mode = mode
        self.layerOptions = layerOptions
        self.datasetOptions = datasetOptions
    }

    /// The destination as shown in messages: the target with any password redacted, and the table.
    public var displayName: String { "\(PasswordRedaction.redact(target)) (table \(table))" }

    /// Whether `target` is a PostgreSQL connection string (`PG:…`).
    public static func isConnectionString(_ target: String) -> Bool { target.uppercased().hasPrefix("PG:") }

    private static let driverByExtension = [
        "gpkg": "GPKG", "fgb": "FlatGeobuf", "geojson": "GeoJSON", "json": "GeoJSON", "csv": "CSV",
    ]
}
