import Foundation
import GDALShim

/// A coordinate reference system (GDAL's OGRSpatialReference).
///
/// Axis order is always the traditional GIS order (x = easting/longitude, y = northing/latitude),
/// whatever the authority says. Not `Sendable` (the underlying object is not thread-safe): pass
/// `wkt` between threads and rebuild.
public final class SpatialReference {
    let handle: OGRSpatialReferenceH

    private init(handle: OGRSpatialReferenceH) {
        self.handle = handle
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
    }

    deinit { OSRDestroySpatialReference(handle) }

    /// From any definition GDAL tools accept: `EPSG:xxxx`, WKT, PROJJSON, a PROJ string, or a
    /// well-known name such as `WGS84`. Throws `RasterError(.crs)` naming the definition.
    public convenience init(_ definition: String) throws {
        GDALRuntime.ensureInitialized()
        let trimmed = definition.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let h = OSRNewSpatialReference(nil) else {
            throw RasterError(.crs, path: nil, "empty spatial reference definition")
        }
        GDALRuntime.resetError()
        guard OSRSetFromUserInput(h, trimmed) == OGRERR_NONE else {
            OSRDestroySpatialReference(h)
            let shown = trimmed.count > 60 ? String(trimmed.prefix(57)) + "..." : trimmed
            throw RasterError(.crs, path: nil,
                              "unknown spatial reference '\(shown)': \(GDALRuntime.lastErrorMessage(or: "not recognized"))")
        }
        self.init(handle: h)
    }

    /// From an EPSG code.
    public convenience init(epsg: Int) throws {
        try self.init("EPSG:\(epsg)")
    }

    /// From WKT (any version).
    public convenience init(wkt: String) throws {
        try self.init(wkt)
    }

    /// WGS 84 geographic coordinates (longitude, latitude in degrees).
    public static func wgs84() -> SpatialReference {
        // Cannot fail: EPSG:4326 is in every PROJ database.
        try! SpatialReference(epsg: 4326)
    }

    /// WKT2 (2018) representation.
    public var wkt: String { export(format: "WKT2_2018") ?? exportWKT1() ?? "" }

    /// WKT1 (GDAL flavour), as most GeoTIFF readers expect.
    public var wkt1: String { exportWKT1() ?? "" }

    /// PROJJSON representation.
    public var projjson: String? {
        var out: UnsafeMutablePointer<CChar>? = nil
        guard OSRExportToPROJJSON(handle, &out, nil) == OGRERR_NONE, let out else { return nil }
        defer { VSIFree(out) }
        return String(cString: out)
    }

    /// The CRS name, e.g. "WGS 84 / UTM zone 33N".
    public var name: String { OSRGetName(handle).map { String(cString: $0) } ?? "unknown" }

    /// Authority name of the whole CRS ("EPSG"), if known.
    public var authorityName: String? {
        if let n = OSRGetAuthorityName(handle, nil) { return String(cString: n) }
        return identified?.authorityName
    }

    /// Authority code of the whole CRS (e.g. 32633), if it can be identified.
    public var authorityCode: Int? {
        if let c = OSRGetAuthorityCode(handle, nil) { return Int(String(cString: c)) }
        return identified?.authorityCode
    }

    /// "EPSG:32633" style identifier, if known.
    public var identifier: String? {
        guard let n = authorityName, let c = authorityCode else { return nil }
        return "\(n):\(c)"
    }

    public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }

    /// Size of one linear unit in metres (1 for metre-based CRSs).
    public var linearUnitsInMetres: Double { OSRGetLinearUnits(handle, nil) }

    /// Whether two CRSs are the same (ignoring axis-order metadata).
    public func isSame(as other: SpatialReference) -> Bool { OSRIsSame(handle, other.handle) != 0 }

    private var identified: (authorityName: String, authorityCode: Int)? {
        guard let clone = OSRClone(handle) else { return nil }
        defer { OSRDestroySpatialReference(clone) }
        guard OSRAutoIdentifyEPSG(clone) == OGRERR_NONE,
              let n = OSRGetAuthorityName(clone, nil), let c = OSRGetAuthorityCode(clone, nil),
              let code = Int(String(cString: c)) else { return nil }
        return (String(cString: n), code)
    }

    private func export(format: String) -> String? {
        var out: UnsafeMutablePointer<CChar>? = nil
        let err = withCStringList(["FORMAT=\(format)"]) { OSRExportToWktEx(handle, &out, constList($0)) }
        guard err == OGRERR_NONE, let out else { return nil }
        defer { VSIFree(out) }
        return String(cString: out)
    }

    private func exportWKT1() -> String? {
        var out: UnsafeMutablePointer<CChar>? = nil
        guard OSRExportToWkt(handle, &out) == OGRERR_NONE, let out else { return nil }
        defer { VSIFree(out) }
        return String(cString: out)
    }
}

@available(*, unavailable, message: "OGRSpatialReference is not thread-safe; pass .wkt between threads")
extension SpatialReference: Sendable {}
