import Foundation
import Grid
import GDALShim

/// One band of a `Dataset`: its properties and typed, windowed reads and writes.
///
/// A band keeps its dataset open, and like the dataset it belongs to one thread (not `Sendable`).
public struct Band {
    /// The dataset this band belongs to (kept alive by the band).
    public let dataset: Dataset
    let handle: GDALRasterBandH
    /// 1-based band number.
    public let index: Int

    init(dataset: Dataset, handle: GDALRasterBandH, index: Int) {
        self.dataset = dataset
        self.handle = handle
        self.index = index
    }

    var path: String { dataset.path }

    public var width: Int { Int(GDALGetRasterBandXSize(handle)) }
    public var height: Int { Int(GDALGetRasterBandYSize(handle)) }
    public var window: Window { Window(width: width, height: height) }

    /// The band's storage type. Byte bands with `PIXELTYPE=SIGNEDBYTE` report `.int8`.
    /// Types geotool does not handle natively (64-bit integers, complex) report nil.
    public var dataType: RasterDataType? {
        switch GDALGetRasterDataType(handle) {
        case GDT_Byte: return isSignedByte ? .int8 : .uint8
        case GDT_UInt16: return .uint16
        case GDT_Int16: return .int16
        case GDT_UInt32: return .uint32
        case GDT_Int32: return .int32
        case GDT_Float32: return .float32
        case GDT_Float64: return .float64
        default: return nil
        }
    }

    /// GDAL's name of the storage type (also for types without a `RasterDataType`).
    public var gdalTypeName: String {
        if isSignedByte { return "Int8" }
        return String(cString: GDALGetDataTypeName(GDALGetRasterDataType(handle)))
    }

    var isSignedByte: Bool {
        GDALGetRasterDataType(handle) == GDT_Byte
            && GDALGetMetadataItem(handle, "PIXELTYPE", "IMAGE_STRUCTURE").map { String(cString: $0) } == "SIGNEDBYTE"
    }

    /// The nodata value, or nil when the band has none.
    public var nodata: Double? {
        var has: Int32 = 0
        let v = GDALGetRasterNoDataValue(handle, &has)
        return has != 0 ? v : nil
    }

    public func setNodata(_ value: Double?) throws {
        GDALRuntime.resetError()
        let err = value.map { GDALSetRasterNoDataValue(handle, $0) } ?? GDALDeleteRasterNoDataValue(handle)
        guard err == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set nodata"))
        }
    }

    /// Physical value = raw · scale + offset (1 when unset).
    public var scale: Double {
        var has: Int32 = 0
        let v = GDALGetRasterScale(handle, &has)
        return has != 0 ? v : 1
    }

    /// Physical value = raw · scale + offset (0 when unset).
    public var offset: Double {
        var has: Int32 = 0
        let v = GDALGetRasterOffset(handle, &has)
        return has != 0 ? v : 0
    }

    public func setScale(_ scale: Double, offset: Double) throws {
        GDALRuntime.resetError()
        guard GDALSetRasterScale(handle, scale) == CE_None, GDALSetRasterOffset(handle, offset) == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set scale/offset"))
        }
    }

    /// The natural block (tile or strip) size in pixels.
    public var blockSize: (width: Int, height: Int) {
        var bx: Int32 = 0, by: Int32 = 0
        GDALGetBlockSize(handle, &bx, &by)
        return (Int(bx), Int(by))
    }

    /// The windows of the band's natural blocks (partial at the right and bottom edges), in
    /// file order (row of blocks by row of blocks, left to right).
    public func blockWindows() -> [Window] {
        let b = blockSize
        return window.blocks(blockWidth: b.width, blockHeight: b.height)
    }

    /// Number of overviews (reduced-resolution copies).
    public var overviewCount: Int { Int(GDALGetOverviewCount(handle)) }

    /// Sizes of the overviews, finest first.
    public var overviewSizes: [(width: Int, height: Int)] {
        (0..<overviewCount).compactMap { i in
            guard let o = GDALGetOverview(handle, Int32(i)) else { return nil }
            return (Int(GDALGetRasterBandXSize(o)), Int(GDALGetRasterBandYSize(o)))
        }
    }

    /// True when the band's validity comes from its nodata value alone (no mask band, no alpha,
    /// no per-dataset mask): GDAL's mask flags are exactly `GMF_NODATA`.
    public var isMaskedByNodataOnly: Bool { GDALGetMaskFlags(handle) == GMF_NODATA }

    /// Colour interpretation, e.g. "Gray", "Red", "Undefined".
    public var colorInterpretation: String {
        String(cString: GDALGetColorInterpretationName(GDALGetRasterColorInterpretation(handle)))
    }

    /// The band description (often the layer name).
    public var bandDescription: String { String(cString: GDALGetDescription(handle)) }

    public func setDescription(_ text: String) { GDALSetDescription(handle, text) }

    /// Metadata of a domain (nil = default domain).
    public func metadata(domain: String? = nil) -> [String: String] {
        keyValueDictionary(stringsFromCStringList(GDALGetMetadata(handle, domain)))
    }

    public func setMetadataItem(_ key: String, _ value: String, domain: String? = nil) throws {
        GDALRuntime.resetError()
        guard GDALSetMetadataItem(handle, key, value, domain) == CE_None else {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot set metadata \(key)"))
        }
    }

    /// The band's nodata value as `T`, when it is exactly representable in `T`.
    public func nodata<T: RasterScalar>(as type: T.Type) -> T? {
        nodata.flatMap { T(exactValue: $0) }
    }
}

@available(*, unavailable, message: "a GDAL band handle must stay on one thread; open one Dataset per thread")
extension Band: Sendable {}
