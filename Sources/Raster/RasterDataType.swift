import GDALShim

/// The pixel types geotool reads and writes. `int8` is stored by GDAL 3.6 as Byte with
/// `PIXELTYPE=SIGNEDBYTE` (GDT_Int8 arrives only in GDAL 3.7).
public enum RasterDataType: String, Sendable, CaseIterable, Codable {
    case uint8 = "Byte", int8 = "Int8", uint16 = "UInt16", int16 = "Int16"
    case uint32 = "UInt32", int32 = "Int32", float32 = "Float32", float64 = "Float64"

    /// GDAL's name of the type ("Byte", "Int16", "Float32", …).
    public var gdalName: String { rawValue }

    var gdal: GDALDataType {
        switch self {
        case .uint8, .int8: return GDT_Byte
        case .uint16: return GDT_UInt16
        case .int16: return GDT_Int16
        case .uint32: return GDT_UInt32
        case .int32: return GDT_Int32
        case .float32: return GDT_Float32
        case .float64: return GDT_Float64
        }
    }

    /// Size of one pixel in bytes.
    public var byteSize: Int {
        switch self {
        case .uint8, .int8: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .float64: return 8
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// Parses a type name as GDAL tools spell it (case-insensitive; "UInt8" is accepted for Byte).
    public init?(name: String) {
        let n = name.lowercased()
        if n == "uint8" || n == "byte" { self = .uint8; return }
        guard let t = RasterDataType.allCases.first(where: { $0.rawValue.lowercased() == n }) else { return nil }
        self = t
    }
}

/// A Swift scalar that can be read from and written to a raster band.
public protocol RasterScalar: Sendable, Equatable, Comparable {
    /// The raster type that stores this scalar natively.
    static var rasterDataType: RasterDataType { get }
    /// The value as Float64 (exact for every supported type).
    var doubleValue: Double { get }
    /// The scalar equal to `value`, or nil when `value` is not exactly representable.
    init?(exactValue value: Double)
}

extension RasterScalar where Self: BinaryInteger {
    public var doubleValue: Double { Double(self) }
    public init?(exactValue v: Double) { self.init(exactly: v) }
}

extension UInt8: RasterScalar { public static var rasterDataType: RasterDataType { .uint8 } }
extension Int8: RasterScalar { public static var rasterDataType: RasterDataType { .int8 } }
extension UInt16: RasterScalar { public static var rasterDataType: RasterDataType { .uint16 } }
extension Int16: RasterScalar { public static var rasterDataType: RasterDataType { .int16 } }
extension UInt32: RasterScalar { public static var rasterDataType: RasterDataType { .uint32 } }
extension Int32: RasterScalar { public static var rasterDataType: RasterDataType { .int32 } }

extension Float: RasterScalar {
    public static var rasterDataType: RasterDataType { .float32 }
    public var doubleValue: Double { Double(self) }
    public init?(exactValue v: Double) {
        if v.isNaN { self = .nan; return }
        guard let f = Float(exactly: v) else { return nil }
        self = f
    }
}
extension Double: RasterScalar {
    public static var rasterDataType: RasterDataType { .float64 }
    public var doubleValue: Double { self }
    public init?(exactValue v: Double) { self = v }
}
