import Ecostress
import Raster

/// What the `extract` stage found in one raster: the samples of every point, and the file's
/// ECOSTRESS name when it parses.
public struct RasterExtraction: Sendable {
    public let path: String
    public let ecostress: EcostressFileName?
    public let samples: PointSamples

    public init(path: String, ecostress: EcostressFileName?, samples: PointSamples) {
        self.path = path
        self.ecostress = ecostress
        self.samples = samples
    }

    /// The file name without directory and extension (wide-format column label).
    public var label: String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    /// A value as text: integers without decimals, Float32 with the shortest representation
    /// that reads back as the same Float32, Float64 likewise; empty when not `ok`.
    public static func format(_ value: Double?, type: RasterDataType?) -> String {
        guard let v = value else { return "" }
        switch type {
        case .float32?: return Float(v).description
        case .float64?, nil: return v.description
        default: return Int(exactly: v).map(String.init) ?? v.description
        }
    }
}
