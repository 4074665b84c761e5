import Foundation
import Grid
import GDALShim

/// An open GDAL raster dataset.
///
/// **One thread at a time.** A GDAL dataset handle must never be used by two threads at once.
/// `Dataset` is deliberately *not* `Sendable`, so Swift 6's checker rejects code that hands one
/// to another thread or task; to work in parallel, open one `Dataset` per thread (GDAL caches
/// are shared, so reopening is cheap).
///
/// The handle is closed by `close()` (which reports write errors) or, failing that, when the
/// last reference goes away.
public final class Dataset {
    /// How to open a dataset.
    public enum Access: Sendable { case readOnly, update }

    private(set) var handle: GDALDatasetH?
    /// The path the dataset was opened or created with.
    public let path: String

    init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    deinit {
        if let handle { GDALClose(handle) }
    }

    /// Opens a raster. `openOptions` are driver open options (e.g. `["OVERVIEW_LEVEL": "NONE"]`);
    /// `allowedDrivers` restricts which drivers may claim the file.
    public static func open(_ path: String, access: Access = .readOnly,
                            openOptions: [String: String] = [:],
                            allowedDrivers: [String]? = nil) throws -> Dataset {
        GDALRuntime.ensureInitialized()
        var isDir: ObjCBool = false
        let isVSI = path.hasPrefix("/vsi")
        if !isVSI {
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw RasterError(.notFound, path: path, "no such file")
            }
            if isDir.boolValue, !path.hasSuffix(".zarr"), !path.hasSuffix(".gdb") {
                throw RasterError(.isDirectory, path: path, "is a directory, not a raster file")
            }
        }
        var flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_VERBOSE_ERROR)
        if access == .update { flags |= UInt32(GDAL_OF_UPDATE) }
        GDALRuntime.resetError()
        let h: GDALDatasetH? = withCStringList(keyValueList(openOptions)) { opts in
            if let allowedDrivers {
                return withCStringList(allowedDrivers) { drivers in
                    GDALOpenEx(path, flags, constList(drivers), constList(opts), nil)
                }
            }
            return GDALOpenEx(path, flags, nil, constList(opts), nil)
        }
        guard let h else {
            let msg = GDALRuntime.lastErrorMessage(or: "cannot open")
            if msg.contains("not recognized as") || msg.contains("not recognised as") {
                throw RasterError(.notRecognized, path: path, "not a raster format GDAL can read")
            }
            throw RasterError(.openFailed, path: path, "cannot open: \(msg)")
        }
        return Dataset(handle: h, path: path)
    }

    /// Creates a new dataset with a driver that supports `Create` (e.g. GTiff, MEM).
    /// `options` are creation options such as `["COMPRESS": "DEFLATE", "TILED": "YES"]`; an option or
    /// value the driver ignores (GDAL only warns) is an error (`GDALWarnings`).
    /// Int8 rasters are written as Byte with `PIXELTYPE=SIGNEDBYTE`.
    public static func create(_ path: String, driver driverName: String = "GTiff",
                              width: Int, height: Int, bandCount: Int = 1,
                              dataType: RasterDataType, options: [String: String] = [:]) throws -> Dataset {
        GDALRuntime.ensureInitialized()
        guard width > 0, height > 0, bandCount > 0 else {
            throw RasterError(.invalidArgument, path: path,
                              "cannot create a \(width)×\(height) raster with \(bandCount) band(s)")
        }
        let driver = try Dataset.driver(named: driverName, path: path)
        var opts = options
        if dataType == .int8 { opts["PIXELTYPE"] = "SIGNEDBYTE" }
        GDALRuntime.resetError()
        let (h, ignored) = GDALWarnings.ignoredOption {
            withCStringList(keyValueList(opts)) { list in
                GDALCreate(driver, path, Int32(width), Int32(height), Int32(bandCount), dataType.gdal, list)
            }
        }
        guard let h else {
            throw RasterError(.createFailed, path: path,
                              "cannot create: \(GDALRuntime.lastErrorMessage(or: "driver \(driverName) failed"))")
        }
        let dataset = Dataset(handle: h, path: path)
        if let ignored { throw RasterError.rejectedOption(path: path, ignored) }   // closed as `dataset` goes
        return dataset
    }

    /// Copies this dataset to a new file with any driver that supports `CreateCopy` (e.g. COG).
    /// The copy is returned open; close it to flush. Ignored creation options are errors, as for `create`.
    public func createCopy(to path: String, driver driverName: String,
                           options: [String: String] = [:]) throws -> Dataset {
        let driver = try Dataset.driver(named: driverName, path: path)
        let source = try validHandle()
        GDALRuntime.resetError()
        let (h, ignored) = GDALWarnings.ignoredOption {
            withCStringList(keyValueList(options)) { list in
                GDALCreateCopy(driver, path, source, 0, list, nil, nil)
            }
        }
        guard let h else {
            throw RasterError(.createFailed, path: path,
                              "cannot write \(driverName): \(GDALRuntime.lastErrorMessage(or: "CreateCopy failed"))")
        }
        let copy = Dataset(handle: h, path: path)
        if let ignored { throw RasterError.rejectedOption(path: path, ignored) }   // closed as `copy` goes
        return copy
    }

    /// Checks `options` against `driverName`'s creation options without creating anything (for
    /// outputs whose driver runs only at the end, e.g. COG's CreateCopy): an option or value the
    /// driver would ignore throws, naming `path`.
    public static func validateCreationOptions(_ options: [String: String], driver driverName: String,
                                               path: String) throws {
        let driver = try Dataset.driver(named: driverName, path: path)
        let (_, ignored) = GDALWarnings.ignoredOption {
            withCStringList(keyValueList(options)) { list in GDALValidateCreationOptions(driver, list) }
        }
        if let ignored { throw RasterError.rejectedOption(path: path, ignored) }
    }

    static func driver(named name: String, path: String) throws -> GDALDriverH {
        GDALRuntime.ensureInitialized()
        guard let d = GDALGetDriverByName(name) else {
            throw RasterError(.unsupported, path: path, "unknown GDAL driver '\(name)'")
        }
        return d
    }

    /// Flushes and closes the dataset; throws if GDAL reports an error while writing.
    /// Further use of the dataset (or its bands) throws.
    public func close() throws {
        guard let h = handle else { return }
        handle = nil
        GDALRuntime.resetError()
        GDALClose(h)
        if GDALRuntime.lastCallFailed {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "error while closing"))
        }
    }

    /// Flushes pending writes to disk.
    public func flush() throws {
        GDALRuntime.resetError()
        GDALFlushCache(try validHandle())
        if GDALRuntime.lastCallFailed {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "flush failed"))
        }
    }

    func validHandle() throws -> GDALDatasetH {
        guard let handle else { throw RasterError(.invalidArgument, path: path, "dataset is closed") }
        return handle
    }

    // MARK: - Properties

    public var width: Int { Int(GDALGetRasterXSize(handle)) }
    public var height: Int { Int(GDALGetRasterYSize(handle)) }
    public var bandCount: Int { Int(GDALGetRasterCount(handle)) }
    /// The full extent as a window.
    public var window: Window { Window(width: width, height: height) }

    /// The driver's short name, e.g. "GTiff".
    public var driverName: String {
        guard let d = GDALGetDatasetDriver(handle) else { return "" }
        return String(cString: GDALGetDriverShortName(d))
    }

    /// The affine geotransform, or nil when the dataset has none.
    public var geoTransform: GeoTransform? {
        var c = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(handle, &c) == CE_None else { return nil }
        return GeoTransform(c)
    }

    public func setGeoTransform(_ gt: GeoTransform) throws {
        var c = gt.array
        GDALRuntime.resetError()
        guard GDALSetGeoTransform(try validHandle(), &c) == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set geotransform"))
        }
    }

    /// The dataset's CRS as WKT, or nil when it has none.
    public var crsWKT: String? {
        guard let p = GDALGetProjectionRef(handle) else { return nil }
        let s = String(cString: p)
        return s.isEmpty ? nil : s
    }

    /// The dataset's CRS, or nil when it has none.
    public func spatialReference() throws -> SpatialReference? {
        guard let wkt = crsWKT else { return nil }
        return try SpatialReference(wkt: wkt)
    }

    public func setSpatialReference(_ srs: SpatialReference) throws {
        try setCRS(wkt: srs.wkt)
    }

    /// Sets the CRS from WKT.
    public func setCRS(wkt: String) throws {
        GDALRuntime.resetError()
        guard GDALSetProjection(try validHandle(), wkt) == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set CRS"))
        }
    }

    /// The georeferencing (geotransform + CRS) as a value that can cross threads.
    public var georeference: Georeference {
        Georeference(geoTransform: geoTransform, crsWKT: crsWKT)
    }

    /// Applies a georeference to this (new) dataset.
    public func setGeoreference(_ g: Georeference) throws {
        if let gt = g.geoTransform { try setGeoTransform(gt) }
        if let wkt = g.crsWKT { try setCRS(wkt: wkt) }
    }

    /// Band `index` (1-based, as in GDAL).
    public func band(_ index: Int) throws -> Band {
        guard index >= 1, index <= bandCount else {
            throw RasterError(.invalidArgument, path: path, "band \(index) does not exist (the file has \(bandCount))")
        }
        guard let h = GDALGetRasterBand(try validHandle(), Int32(index)) else {
            throw RasterError(.readFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot get band \(index)"))
        }
        return Band(dataset: self, handle: h, index: index)
    }

    /// All bands, 1…bandCount.
    public func bands() throws -> [Band] { try (0..<bandCount).map { try band($0 + 1) } }

    /// Metadata of a domain (nil = default domain) as key/value pairs.
    public func metadata(domain: String? = nil) -> [String: String] {
        keyValueDictionary(stringsFromCStringList(GDALGetMetadata(handle, domain)))
    }

    /// One metadata item, or nil.
    public func metadataItem(_ key: String, domain: String? = nil) -> String? {
        GDALGetMetadataItem(handle, key, domain).map { String(cString: $0) }
    }

    public func setMetadataItem(_ key: String, _ value: String, domain: String? = nil) throws {
        GDALRuntime.resetError()
        guard GDALSetMetadataItem(try validHandle(), key, value, domain) == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set metadata \(key)"))
        }
    }

    /// The compression reported in the IMAGE_STRUCTURE domain (e.g. "DEFLATE"), or nil.
    public var compression: String? { metadataItem("COMPRESSION", domain: "IMAGE_STRUCTURE") }

    /// Files that make up the dataset (the main file plus side-cars).
    public var fileList: [String] {
        let list = GDALGetFileList(handle)
        defer { CSLDestroy(list) }
        return stringsFromCStringList(list)
    }
}

@available(*, unavailable, message: "a GDAL dataset handle must stay on one thread; open one Dataset per thread")
extension Dataset: Sendable {}

/// Georeferencing of a raster as a plain value (safe to pass between threads).
public struct Georeference: Sendable, Equatable {
    public var geoTransform: GeoTransform?
    /// The CRS as WKT, nil when unknown.
    public var crsWKT: String?

    public init(geoTransform: GeoTransform?, crsWKT: String?) {
        self.geoTransform = geoTransform
        self.crsWKT = crsWKT
    }
}
