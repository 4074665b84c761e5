import Ecostress
import Raster

/// What `geotool extract` found in one raster: the samples of every point, and the file's
/// ECOSTRESS name when it parses.
struct RasterExtraction: Sendable {
    let path: String
    let ecostress: EcostressFileName?
    let samples: PointSamples

    /// The file name without directory and extension (wide-format column label).
    var label: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// A value as text: integers without decimals, Float32 with the shortest representation
    /// that reads back as the same Float32, Float64 likewise; empty when not `ok`.
    static func format(_ value: Double?, type: RasterDataType?) -> String {
        guard let v = value else { return "" }
        switch type {
        case .float32?: return Float(v).description
        case .float64?, nil: return v.description
        default: return Int(exactly: v).map(String.init) ?? v.description
        }
    }
}
