import Foundation
import TestSupport

/// Reads a vector layer back with GDAL's own `ogrinfo -al -q` (an independent reader of what geotool wrote):
/// one dictionary per feature, field name → value as ogrinfo prints it (`(null)` for null), plus `geometry`
/// (WKT) when the layer has one.
enum OGRInfoFeatures {
    static func read(_ path: String, layer: String) throws -> [[String: String]] {
        let r = try TestSupport.run("ogrinfo", ["-ro", "-al", "-q", path, layer])
        guard r.status == 0 else { throw NSError(domain: "ogrinfo", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: r.stderr]) }
        var features: [[String: String]] = []
        for line in r.stdout.components(separatedBy: "\n") {
            if line.hasPrefix("OGRFeature(") { features.append([:]); continue }
            guard !features.isEmpty, line.hasPrefix("  ") else { continue }
            let body = line.dropFirst(2)
            if let eq = body.range(of: ") = "), let open = body.range(of: " (") , open.lowerBound < eq.lowerBound {
                features[features.count - 1][String(body[..<open.lowerBound])] = String(body[eq.upperBound...])
            } else if body.hasPrefix("POINT") || body.hasPrefix("POLYGON") {
                features[features.count - 1]["geometry"] = String(body)
            }
        }
        return features
    }

    /// `ogrinfo -ro -so PATH LAYER`: the layer summary (CRS, geometry column, metadata).
    static func summary(_ path: String, layer: String) throws -> String {
        try TestSupport.run("ogrinfo", ["-ro", "-so", path, layer]).stdout
    }

    /// The first value ogrinfo prints for `sql` (SQLite dialect) on `path`.
    static func query(_ path: String, _ sql: String) throws -> String? {
        let r = try TestSupport.run("ogrinfo", ["-ro", "-q", path, "-sql", sql])
        return r.stdout.components(separatedBy: "\n").first { $0.contains(") = ") }
            .map { String($0[$0.range(of: ") = ")!.upperBound...]) }
    }
}
