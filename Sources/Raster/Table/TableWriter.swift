import Foundation
import GeoSupport
import GDALShim

/// Writes one table to an OGR destination (GeoPackage, PostgreSQL/PostGIS, FlatGeobuf, GeoJSON, CSV), all or
/// nothing: rows are streamed into one transaction (PostgreSQL through `COPY`: `PG_USE_COPY=YES`), a new or
/// replaced GeoPackage is written under a temporary name beside it and renamed into place (fsync of the file and
/// the directory), a one-table file likewise. Until `commit()` returns, the destination holds its previous state;
/// `discard()`, any error and a writer that goes away uncommitted roll back and remove what was staged. A process
/// killed with SIGKILL leaves the previous state too (the server or SQLite's journal rolls back; a staged file is
/// a hidden temporary, removed by the next write to the same destination).
///
/// Columns get their real types (Integer64, Real, String, Date, DateTime); non-finite reals are stored as null.
/// Geometries carry the schema's CRS and get the driver's spatial index. `metadata` (geotool's provenance) is
/// stored as the layer's metadata (GeoPackage: `gpkg_metadata`) and as its description (GeoPackage:
/// `gpkg_contents.description`; PostgreSQL: the table's COMMENT), with passwords redacted.
///
/// Errors are `TableError`s: one line naming the destination, password redacted. One writer belongs to one thread.
public final class TableWriter {
    public let destination: TableDestination
    public let schema: TableSchema
    private let kind: VectorDriverKind
    private let shown: String
    private var dataset: GDALDatasetH?
    private var layer: OGRLayerH?
    private var feature: OGRFeatureH?
    /// The OGR field index of each schema column.
    private var fieldIndex: [Int32] = []
    /// The staged file (GeoPackage unless appending; one-table files) and where GDAL writes it.
    private var staged: DurableFile?
    private var stagedPath: String?
    private var inTransaction = false
    private var previousCopySetting: String?
    private var finished = false
    /// Rows written so far.
    public private(set) var rowCount = 0

    /// Opens (or creates) the destination, starts the transaction and creates, replaces or opens the table.
    /// Nothing is visible at the destination until `commit()`.
    public init(destination: TableDestination, schema: TableSchema, metadata: [String: String] = [:]) throws(TableError) {
        self.destination = destination
        self.schema = schema
        shown = PasswordRedaction.redact(destination.target)
        let (driver, kind) = try VectorDriverKind.resolve(destination.driver, destination: shown)
        self.kind = kind
        do throws(TableError) {
            try open(driver)
            try prepareLayer(metadata: metadata)
            feature = OGR_F_Create(OGR_L_GetLayerDefn(layer))
        } catch {
            discard()
            throw error
        }
    }

    deinit { if !finished { discard() } }

    /// Checks, before any work is done, what can be checked without writing: the driver, the directory of a file,
    /// the connection and credentials of a server, and that an existing table is not written without append or
    /// overwrite. Writes nothing.
    public static func check(_ destination: TableDestination) throws(TableError) {
        let shown = PasswordRedaction.redact(destination.target)
        let (_, kind) = try VectorDriverKind.resolve(destination.driver, destination: shown)
        if kind != .database {
            try checkDirectory(of: destination.target, shown: shown)
            guard FileManager.default.fileExists(atPath: destination.target) else { return }
            if kind == .singleTableFile {
                if destination.mode == .create { throw TableError(.tableExists, destination: shown, "the file already exists") }
                if destination.mode == .append {
                    throw TableError(.unsupported, destination: shown,
                                     "the \(destination.driver) driver writes one table per file: it cannot append (use a GeoPackage or PostgreSQL)")
                }
                return
            }
        }
        guard destination.mode == .create else {
            if kind == .database { GDALClose(try open(destination.target, driver: destination.driver, shown: shown, update: false)) }
            return
        }
        let dataset = try open(destination.target, driver: destination.driver, shown: shown, update: false)
        defer { GDALClose(dataset) }
        if GDALDatasetGetLayerByName(dataset, destination.table) != nil {
            throw TableError(.tableExists, destination: shown, "table '\(destination.table)' already exists")
        }
    }

    /// Opens `path` (a file, a staged copy or a connection string) with `driver` only.
    private static func open(_ path: String, driver: String, shown: String, update: Bool) throws(TableError) -> GDALDatasetH {
        var flags = UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_VERBOSE_ERROR)
        if update { flags |= UInt32(GDAL_OF_UPDATE) }
        GDALRuntime.resetError()
        let h = withCStringList([driver]) { drivers in GDALOpenEx(path, flags, constList(drivers), nil, nil) }
        guard let h else {
            throw TableError(.cannotOpen, destination: shown,
                             "cannot open: \(GDALRuntime.lastErrorMessage(or: "not a \(driver) destination"))")
        }
        return h
    }

    private static func checkDirectory(of target: String, shown: String) throws(TableError) {
        let dir = (target as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir.isEmpty ? "." : dir, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw TableError(.cannotOpen, destination: shown, "the directory \(dir) does not exist")
        }
    }

    // MARK: rows

    /// Writes one row (checked against the schema).
    public func write(_ row: TableRow) throws(TableError) {
        guard !finished, let layer, let feature else {
            throw TableError(.writeFailed, destination: shown, "the table was already committed or discarded")
        }
        if let problem = schema.mismatch(row) {
            throw fail(TableError(.invalidRow, destination: shown, "row \(rowCount + 1): \(problem)"))
        }
        for (value, index) in zip(row.values, fieldIndex) { set(value, at: index, in: feature) }
        if let g = row.geometry {
            OGR_F_SetGeometryDirectly(feature, Self.geometry(g))
        }
        OGR_F_SetFID(feature, Int64(OGRNullFID))
        GDALRuntime.resetError()
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
            throw fail(TableError(.writeFailed, destination: shown,
                                  "row \(rowCount + 1): \(GDALRuntime.lastErrorMessage(or: "the driver refused the row"))"))
        }
        rowCount += 1
    }

    /// Writes every row of `rows`.
    public func write(contentsOf rows: some Sequence<TableRow>) throws(TableError) {
        for row in rows { try write(row) }
    }

    // MARK: finishing

    /// Commits the transaction, closes the destination and moves a staged file into place. Returns the rows
    /// written. On failure everything is rolled back and nothing of this write remains.
    @discardableResult
    public func commit() throws(TableError) -> Int {
        guard !finished, let dataset else {
            throw TableError(.writeFailed, destination: shown, "the table was already committed or discarded")
        }
        if let feature { OGR_F_Destroy(feature); self.feature = nil }
        GDALRuntime.resetError()
        if inTransaction {
            guard GDALDatasetCommitTransaction(dataset) == OGRERR_NONE else {
                throw fail(TableError(.writeFailed, destination: shown,
                                      "cannot commit: \(GDALRuntime.lastErrorMessage(or: "the commit failed"))"))
            }
            inTransaction = false
        }
        GDALRuntime.resetError()
        GDALClose(dataset)
        self.dataset = nil
        layer = nil
        restoreCopySetting()
        if GDALRuntime.lastCallFailed {
            throw fail(TableError(.writeFailed, destination: shown,
                                  "cannot finish: \(GDALRuntime.lastErrorMessage(or: "closing failed"))"))
        }
        if let staged, let stagedPath {
            do throws(DurableFileError) {
                guard rename(stagedPath, staged.temporaryPath) == 0 else {
                    throw DurableFileError(path: destination.target,
                                           reason: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
                }
                try staged.commit()
            } catch {
                throw fail(TableError(.writeFailed, destination: shown, error.reason))
            }
        }
        finished = true
        return rowCount
    }

    /// Abandons the write: rolls back, closes and removes what was staged. The destination keeps its previous state.
    public func discard() {
        finished = true
        if let feature { OGR_F_Destroy(feature); self.feature = nil }
        if let dataset {
            if inTransaction { _ = GDALDatasetRollbackTransaction(dataset) }
            GDALClose(dataset)
        }
        inTransaction = false
        dataset = nil
        layer = nil
        restoreCopySetting()
        staged?.discard()
        staged = nil
    }

    // MARK: opening

    private func open(_ driver: GDALDriverH) throws(TableError) {
        let target = destination.target
        switch kind {
        case .database:
            previousCopySetting = CPLGetThreadLocalConfigOption("PG_USE_COPY", nil).map { String(cString: $0) }
            CPLSetThreadLocalConfigOption("PG_USE_COPY", "YES")
            dataset = try openForUpdate(target)
        case .geoPackage:
            try Self.checkDirectory(of: target, shown: shown)
            DurableFile.removeStaleTemporaries(of: target)
            let exists = FileManager.default.fileExists(atPath: target)
            if exists && destination.mode == .append {
                dataset = try openForUpdate(target)
            } else {
                let staging = try stage()
                if exists {
                    do { try FileManager.default.copyItem(atPath: target, toPath: staging) } catch {
                        throw TableError(.cannotOpen, destination: shown, "cannot copy it to update it: \(error.localizedDescription)")
                    }
                    dataset = try openForUpdate(staging)
                } else {
                    dataset = try create(driver, at: staging)
                }
            }
        case .singleTableFile:
            try Self.checkDirectory(of: target, shown: shown)
            DurableFile.removeStaleTemporaries(of: target)
            if destination.mode == .append {
                throw TableError(.unsupported, destination: shown,
                                 "the \(destination.driver) driver writes one table per file: it cannot append (use a GeoPackage or PostgreSQL)")
            }
            if destination.mode == .create && FileManager.default.fileExists(atPath: target) {
                throw TableError(.tableExists, destination: shown, "the file already exists")
            }
            dataset = try create(driver, at: try stage())
        }
        if kind != .singleTableFile, let dataset {
            GDALRuntime.resetError()
            guard GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE else {
                throw TableError(.writeFailed, destination: shown,
                                 "cannot start a transaction: \(GDALRuntime.lastErrorMessage(or: "refused"))")
            }
            inTransaction = true
        }
    }


    /// A `DurableFile` for the target; GDAL writes `temporary.EXT` (drivers look at extensions), renamed at commit.
    private func stage() throws(TableError) -> String {
        let file: DurableFile
        do throws(DurableFileError) { file = try DurableFile(destination.target) } catch {
            throw TableError(.cannotOpen, destination: shown, error.reason)
        }
        let ext = (destination.target as NSString).pathExtension
        let path = file.temporaryPath + "." + (ext.isEmpty ? "tmp" : ext)
        staged = file
        stagedPath = path
        return path
    }

    private func openForUpdate(_ path: String) throws(TableError) -> GDALDatasetH {
        try Self.open(path, driver: destination.driver, shown: shown, update: true)
    }

    private func create(_ driver: GDALDriverH, at path: String) throws(TableError) -> GDALDatasetH {
        GDALRuntime.resetError()
        let (h, ignored) = GDALWarnings.ignoredOption {
            withCStringList(keyValueList(destination.datasetOptions)) { options in
                GDALCreate(driver, path, 0, 0, 0, GDT_Unknown, options)
            }
        }
        guard let h else {
            throw TableError(.cannotOpen, destination: shown, "cannot create: \(GDALRuntime.lastErrorMessage(or: "the driver refused"))")
        }
        if let ignored {
            GDALClose(h)
            throw TableError(.unsupported, destination: shown, "dataset creation option not accepted: \(ignored)")
        }
        return h
    }

    // MARK: the table

    private func prepareLayer(metadata: [String: String]) throws(TableError) {
        guard let dataset else { return }
        let name = destination.table
        if let existing = GDALDatasetGetLayerByName(dataset, name) {
            switch destination.mode {
            case .create:
                throw TableError(.tableExists, destination: shown, "table '\(name)' already exists")
            case .append:
                layer = existing
                try mapExistingFields()
                return
            case .overwrite:
                try deleteLayer(named: name)
            }
        }
        CPLErrorReset()
        try createLayer(metadata: metadata)
    }

    private func deleteLayer(named name: String) throws(TableError) {
        guard let dataset else { return }
        let target = GDALDatasetGetLayerByName(dataset, name)
        for i in 0..<GDALDatasetGetLayerCount(dataset) where GDALDatasetGetLayer(dataset, i) == target {
            GDALRuntime.resetError()
            guard GDALDatasetDeleteLayer(dataset, i) == OGRERR_NONE else {
                throw TableError(.writeFailed, destination: shown,
                                 "cannot replace table '\(name)': \(GDALRuntime.lastErrorMessage(or: "the driver refused"))")
            }
            return
        }
    }

    private func createLayer(metadata: [String: String]) throws(TableError) {
        guard let dataset else { return }
        let srs: SpatialReference?
        if schema.geometryType != .none, let crs = schema.crs {
            do { srs = try SpatialReference(crs) } catch {
                throw TableError(.invalidRow, destination: shown, "table CRS: \(error)")
            }
        } else {
            srs = nil
        }
        var options = destination.layerOptions
        let description = Self.description(metadata)
        if kind != .singleTableFile, !description.isEmpty, options["DESCRIPTION"] == nil {
            options["DESCRIPTION"] = description
        }
        let geometryType: OGRwkbGeometryType = switch schema.geometryType {
        case .none: wkbNone
        case .point: wkbPoint
        case .polygon: wkbPolygon
        }
        GDALRuntime.resetError()
        let (created, ignored) = GDALWarnings.ignoredOption {
            withCStringList(keyValueList(options)) { list in
                GDALDatasetCreateLayer(dataset, destination.table, srs?.handle, geometryType, list)
            }
        }
        guard let created else {
            throw TableError(.writeFailed, destination: shown,
                             "cannot create table '\(destination.table)': \(GDALRuntime.lastErrorMessage(or: "the driver refused"))")
        }
        if let ignored { throw TableError(.unsupported, destination: shown, "layer creation option not accepted: \(ignored)") }
        layer = created
        for column in schema.columns {
            let field = OGR_Fld_Create(column.name, Self.fieldType(column.type))
            defer { OGR_Fld_Destroy(field) }
            let index = OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(created))
            GDALRuntime.resetError()
            guard OGR_L_CreateField(created, field, 0) == OGRERR_NONE else {
                throw TableError(.writeFailed, destination: shown,
                                 "cannot create column '\(column.name)': \(GDALRuntime.lastErrorMessage(or: "the driver refused"))")
            }
            fieldIndex.append(index)
        }
        if kind == .geoPackage {
            for key in metadata.keys.sorted() {
                GDALSetMetadataItem(created, key, PasswordRedaction.redact(metadata[key]!), nil)
            }
        }
    }

    /// Appending: each column must exist in the table with a type that holds its values.
    private func mapExistingFields() throws(TableError) {
        guard let layer else { return }
        let definition = OGR_L_GetLayerDefn(layer)
        for column in schema.columns {
            let index = OGR_L_FindFieldIndex(layer, column.name, 0)
            guard index >= 0 else {
                throw TableError(.invalidRow, destination: shown, "table '\(destination.table)' has no column '\(column.name)'")
            }
            let type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(definition, index))
            guard Self.accepts(type, column.type) else {
                throw TableError(.invalidRow, destination: shown,
                                 "column '\(column.name)' of table '\(destination.table)' cannot hold \(column.type.rawValue) values")
            }
            fieldIndex.append(index)
        }
        let hasGeometry = OGR_L_GetGeomType(layer) != wkbNone
        guard hasGeometry == (schema.geometryType != .none) else {
            throw TableError(.invalidRow, destination: shown, hasGeometry
                             ? "table '\(destination.table)' has geometries; these rows have none"
                             : "table '\(destination.table)' has no geometry column; these rows have geometries")
        }
    }

    // MARK: values

    private func set(_ value: TableValue, at index: Int32, in feature: OGRFeatureH) {
        switch value {
        case .null:
            OGR_F_SetFieldNull(feature, index)
        case .integer(let v):
            OGR_F_SetFieldInteger64(feature, index, v)
        case .real(let v):
            if v.isFinite { OGR_F_SetFieldDouble(feature, index, v) } else { OGR_F_SetFieldNull(feature, index) }
        case .text(let s):
            OGR_F_SetFieldString(feature, index, s)
        case .date(let y, let m, let d):
            OGR_F_SetFieldDateTimeEx(feature, index, Int32(y), Int32(m), Int32(d), 0, 0, 0, 0)
        case .dateTime(let y, let m, let d, let h, let mi, let s):
            // TZ flag 100: UTC.
            OGR_F_SetFieldDateTimeEx(feature, index, Int32(y), Int32(m), Int32(d), Int32(h), Int32(mi), Float(s), 100)
        }
    }

    private static func geometry(_ g: TableGeometry) -> OGRGeometryH? {
        switch g {
        case .point(let x, let y):
            let point = OGR_G_CreateGeometry(wkbPoint)
            OGR_G_SetPoint_2D(point, 0, x, y)
            return point
        case .polygon(let ring):
            let linear = OGR_G_CreateGeometry(wkbLinearRing)
            var i = 0
            while i + 1 < ring.count { OGR_G_AddPoint_2D(linear, ring[i], ring[i + 1]); i += 2 }
            if ring.count >= 2, ring[0] != ring[ring.count - 2] || ring[1] != ring[ring.count - 1] {
                OGR_G_AddPoint_2D(linear, ring[0], ring[1])
            }
            let polygon = OGR_G_CreateGeometry(wkbPolygon)
            OGR_G_AddGeometryDirectly(polygon, linear)
            return polygon
        }
    }

    private static func fieldType(_ type: TableColumnType) -> OGRFieldType {
        switch type {
        case .integer: OFTInteger64
        case .real: OFTReal
        case .text: OFTString
        case .date: OFTDate
        case .dateTime: OFTDateTime
        }
    }

    private static func accepts(_ field: OGRFieldType, _ type: TableColumnType) -> Bool {
        switch type {
        case .integer: [OFTInteger, OFTInteger64, OFTReal].contains(field)
        case .real: field == OFTReal
        case .text: field == OFTString
        case .date: [OFTDate, OFTDateTime].contains(field)
        case .dateTime: field == OFTDateTime
        }
    }

    /// The provenance as one line of `KEY=VALUE` pairs (the table's description / COMMENT).
    private static func description(_ metadata: [String: String]) -> String {
        PasswordRedaction.redact(metadata.keys.sorted().map { "\($0)=\(metadata[$0]!)" }.joined(separator: "; "))
    }

    // MARK: helpers

    private func fail(_ error: TableError) -> TableError {
        discard()
        return error
    }

    private func restoreCopySetting() {
        guard kind == .database else { return }
        CPLSetThreadLocalConfigOption("PG_USE_COPY", previousCopySetting)
        previousCopySetting = nil
    }
}
