import GDALShim

/// How a table is made all-or-nothing, by the kind of driver that writes it.
enum VectorDriverKind {
    /// A database server (PostgreSQL): one transaction in place; the server rolls back what a crash left.
    case database
    /// A GeoPackage (SQLite file, many tables): a transaction, on a staged copy renamed into place unless
    /// appending (then in place: SQLite's journal makes the transaction atomic).
    case geoPackage
    /// A one-table file (FlatGeobuf, GeoJSON, CSV…): written under a temporary name and renamed; no append.
    case singleTableFile

    /// The driver named `name` if it can create vector tables, and its kind. Throws naming the destination.
    static func resolve(_ name: String, destination: String) throws(TableError) -> (GDALDriverH, VectorDriverKind) {
        GDALRuntime.ensureInitialized()
        guard let driver = GDALGetDriverByName(name),
              GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nil) != nil else {
            throw TableError(.unknownDriver, destination: destination, "unknown OGR vector driver '\(name)'")
        }
        guard GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
                || GDALGetMetadataItem(driver, GDAL_DCAP_CREATE_LAYER, nil) != nil else {
            throw TableError(.unknownDriver, destination: destination, "the OGR driver '\(name)' cannot write tables")
        }
        let short = String(cString: GDALGetDriverShortName(driver))
        switch short {
        case "PostgreSQL": return (driver, .database)
        case "GPKG": return (driver, .geoPackage)
        default: return (driver, .singleTableFile)
        }
    }
}
