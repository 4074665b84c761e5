import Foundation

/// The parts of an ECOSTRESS file name, for both naming conventions:
///
/// - Collection 2 (LP DAAC tiles):
///   `ECOv002_<product>_<orbit5>_<scene3>_<tile>_<YYYYMMDDThhmmss>_<build4>_<iter2>_<LAYER>.tif`,
///   e.g. `ECOv002_L2T_LSTE_28547_005_33TWL_20230712T101322_0710_01_LST.tif`. The product and
///   the layer may contain underscores (`L3T_ET_PT-JPL`, `LST_err`): the name is anchored on
///   the MGRS tile (two digits + three letters). Products without orbit/scene and with a date
///   only (`ECOv002_L2T_STARS_11SPS_20230801_0700_01_NDVI.tif`) are accepted too.
/// - AppEEARS (Collection 1 and 2 orders):
///   `<product>.<version>_<LAYER>_doy<YYYYDDDhhmmss>_aid<NNNN>[_<zone>].tif`, e.g.
///   `ECO_L2T_LSTE.002_LST_doy2018217153917_aid0001_21S.tif` or
///   `ECO2LSTE.001_SDS_LST_doy2018217153917_aid0001.tif` (a leading `SDS_` is not part of the layer).
///
/// Parsing is pure string work: it never touches the file.
public struct EcostressFileName: Hashable, Sendable {
    public enum Convention: String, Sendable, Codable { case collection2, appeears }

    /// The file name parsed (last path component).
    public let fileName: String
    public let convention: Convention
    /// Product short name: `L2T_LSTE`, `L3T_JET`, … (an AppEEARS `ECO_` prefix is dropped:
    /// `ECO_L2T_LSTE` → `L2T_LSTE`; classic names such as `ECO2LSTE` are kept).
    public let product: String
    /// Product version / collection, e.g. `002`.
    public let version: String
    public let orbit: Int?
    public let scene: Int?
    /// MGRS tile (`33TWL`) for Collection 2, UTM zone suffix (`21S`) for AppEEARS when present.
    public let tile: String?
    /// Acquisition start (UTC); date-only names have time 00:00:00.
    public let acquired: EcostressTimestamp
    /// Collection 2 build ID (`0710`) and iteration (`01`).
    public let build: String?
    public let iteration: String?
    /// AppEEARS request ID (`0001`).
    public let aid: String?
    /// The layer: `LST`, `QC`, `cloud`, `water`, `LST_err`, …
    public let layer: String
    /// The file name is `layerPrefix + layer + layerSuffix`.
    private let layerPrefix: String
    private let layerSuffix: String

    /// Parses a file name or path. Throws naming the part that did not match.
    public init(_ pathOrName: String) throws(EcostressNameError) {
        let name = String(pathOrName.split(separator: "/", omittingEmptySubsequences: false).last ?? "")
        fileName = name
        func fail(_ part: String, _ message: String) -> EcostressNameError {
            EcostressNameError(fileName: name, part: part, message)
        }
        guard name.lowercased().hasSuffix(".tif") || name.lowercased().hasSuffix(".tiff") else {
            throw fail("extension", "is not .tif")
        }
        let stem = String(name[..<name.lastIndex(of: ".")!])
        if stem.hasPrefix("ECOv") {
            let p = try Self.parseCollection2(stem, fail)
            (convention, product, version, orbit, scene, tile) = (.collection2, p.product, p.version, p.orbit, p.scene, p.tile)
            (acquired, build, iteration, aid, layer) = (p.time, p.build, p.iteration, nil, p.layer)
            layerPrefix = String(stem.dropLast(p.layer.count))
        } else if stem.hasPrefix("ECO") {
            let p = try Self.parseAppEEARS(stem, fail)
            (convention, product, version, orbit, scene, tile) = (.appeears, p.product, p.version, nil, nil, p.zone)
            (acquired, build, iteration, aid, layer) = (p.time, nil, nil, p.aid, p.layer)
            layerPrefix = p.layerPrefix
        } else {
            throw fail("prefix", "is neither ECOv002_… (Collection 2) nor ECO….<version>_… (AppEEARS)")
        }
        layerSuffix = String(name.dropFirst(layerPrefix.count + layer.count))
    }

    /// The name of another layer of the same acquisition (e.g. `companion(layer: "cloud")`).
    public func companion(layer other: String) -> String { layerPrefix + other + layerSuffix }

    /// A key shared by all layers of one acquisition (the name with the layer left out).
    public var granule: String { layerPrefix + "*" + layerSuffix }

    // MARK: - Collection 2

    private struct Collection2Parts {
        var product: String, version: String, orbit: Int?, scene: Int?, tile: String
        var time: EcostressTimestamp, build: String, iteration: String, layer: String
    }

    private static func parseCollection2(_ stem: String,
                                         _ fail: (String, String) -> EcostressNameError) throws(EcostressNameError) -> Collection2Parts {
        let t = stem.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        let version = String(t[0].dropFirst(4))
        guard isDigits(version, count: 3) else { throw fail("collection", "'\(t[0])' is not ECOv<3 digits>") }
        guard let ti = t.indices.dropFirst(2).first(where: { isTile(t[$0]) }) else {
            throw fail("tile", "not found (expected an MGRS tile such as 33TWL after the product)")
        }
        var productEnd = ti
        var orbit: Int?, scene: Int?
        if ti >= 3, isDigits(t[ti - 2], count: 5), isDigits(t[ti - 1], count: 3) {
            orbit = Int(t[ti - 2])
            scene = Int(t[ti - 1])
            productEnd = ti - 2
        } else if let bad = t[1..<ti].first(where: { $0.allSatisfy(\.isNumber) }) {
            throw fail("orbit/scene", "'\(bad)': expected <orbit, 5 digits>_<scene, 3 digits> before the tile")
        }
        guard productEnd > 1 else { throw fail("product", "missing before the orbit/tile") }
        let product = t[1..<productEnd].joined(separator: "_")
        guard ti + 4 < t.count else { throw fail("layer", "missing: expected _<date-time>_<build>_<iteration>_<layer> after the tile") }
        guard let time = parseDateTime(t[ti + 1]) else {
            throw fail("date-time", "'\(t[ti + 1])' is not a valid YYYYMMDDThhmmss (or YYYYMMDD)")
        }
        guard isDigits(t[ti + 2], count: 4) else { throw fail("build", "'\(t[ti + 2])' is not 4 digits") }
        guard isDigits(t[ti + 3], count: 2) else { throw fail("iteration", "'\(t[ti + 3])' is not 2 digits") }
        let layer = t[(ti + 4)...].joined(separator: "_")
        guard !layer.isEmpty else { throw fail("layer", "is empty") }
        return Collection2Parts(product: product, version: version, orbit: orbit, scene: scene, tile: t[ti], time: time,
                                build: t[ti + 2], iteration: t[ti + 3], layer: layer)
    }

    /// `YYYYMMDDThhmmss` or `YYYYMMDD`.
    private static func parseDateTime(_ s: String) -> EcostressTimestamp? {
        let c = Array(s)
        let dateOnly = c.count == 8 && isDigits(s, count: 8)
        guard dateOnly || (c.count == 15 && c[8] == "T" && isDigits(String(c[0..<8]) + String(c[9...]), count: 14)) else {
            return nil
        }
        func n(_ a: Int, _ b: Int) -> Int { Int(String(c[a..<b]))! }
        return dateOnly ? EcostressTimestamp(year: n(0, 4), month: n(4, 6), day: n(6, 8))
            : EcostressTimestamp(year: n(0, 4), month: n(4, 6), day: n(6, 8), hour: n(9, 11), minute: n(11, 13), second: n(13, 15))
    }

    // MARK: - AppEEARS

    private struct AppEEARSParts {
        var product: String, version: String, layer: String, layerPrefix: String
        var time: EcostressTimestamp, aid: String, zone: String?
    }

    private static func parseAppEEARS(_ stem: String,
                                      _ fail: (String, String) -> EcostressNameError) throws(EcostressNameError) -> AppEEARSParts {
        guard let dot = stem.firstIndex(of: ".") else {
            throw fail("product.version", "missing (expected e.g. ECO_L2T_LSTE.002_ or ECO2LSTE.001_)")
        }
        let rawProduct = String(stem[..<dot])
        let rest = Array(stem[stem.index(after: dot)...])
        guard rest.count > 4, isDigits(String(rest[0..<3]), count: 3), rest[3] == "_" else {
            throw fail("version", "'\(String(rest.prefix(4)))' is not <3 digits>_ after \(rawProduct).")
        }
        let version = String(rest[0..<3])
        let afterVersion = String(rest[4...])
        guard let doyRange = afterVersion.range(of: "_doy", options: .backwards) else {
            throw fail("doy", "'_doy<YYYYDDDhhmmss>' not found after the layer")
        }
        var rawLayer = String(afterVersion[..<doyRange.lowerBound])
        let tail = Array(afterVersion[doyRange.upperBound...])          // YYYYDDDhhmmss_aidNNNN[_zone]
        guard tail.count >= 13, isDigits(String(tail[0..<13]), count: 13),
              let time = timestamp(yyyydddhhmmss: String(tail[0..<13])) else {
            throw fail("date-time", "'doy\(String(tail.prefix(13)))' is not a valid doy<YYYYDDDhhmmss>")
        }
        let aidPart = String(tail[13...])
        guard aidPart.hasPrefix("_aid"), aidPart.count >= 8, isDigits(String(aidPart.dropFirst(4).prefix(4)), count: 4) else {
            throw fail("aid", "'\(aidPart)' is not _aid<4 digits>[_<zone>]")
        }
        let zoneText = String(aidPart.dropFirst(8))
        guard zoneText.isEmpty || (zoneText.hasPrefix("_") && zoneText.count > 1) else {
            throw fail("zone", "'\(zoneText)' is not _<zone> after the aid")
        }
        var prefixExtra = ""
        if rawLayer.hasPrefix("SDS_") { rawLayer.removeFirst(4); prefixExtra = "SDS_" }
        guard !rawLayer.isEmpty else { throw fail("layer", "is empty") }
        let product = rawProduct.hasPrefix("ECO_") ? String(rawProduct.dropFirst(4)) : rawProduct
        return AppEEARSParts(product: product, version: version, layer: rawLayer,
                             layerPrefix: "\(rawProduct).\(version)_\(prefixExtra)", time: time,
                             aid: String(aidPart.dropFirst(4).prefix(4)),
                             zone: zoneText.isEmpty ? nil : String(zoneText.dropFirst()))
    }

    private static func timestamp(yyyydddhhmmss s: String) -> EcostressTimestamp? {
        let c = Array(s)
        func n(_ a: Int, _ b: Int) -> Int { Int(String(c[a..<b]))! }
        return EcostressTimestamp(year: n(0, 4), dayOfYear: n(4, 7), hour: n(7, 9), minute: n(9, 11), second: n(11, 13))
    }

    // MARK: - Tokens

    private static func isDigits(_ s: String, count: Int) -> Bool {
        s.utf8.count == count && s.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// An MGRS 100 km tile: zone (2 digits), latitude band and square letters (3 upper-case letters).
    private static func isTile(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return u.count == 5 && u[0...1].allSatisfy { $0 >= 48 && $0 <= 57 } && u[2...4].allSatisfy { $0 >= 65 && $0 <= 90 }
    }
}
