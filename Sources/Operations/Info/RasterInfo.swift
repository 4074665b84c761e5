import Foundation
import Grid
import Raster

/// Everything `geotool info` reports about one raster; encodes to the `--json` form.
public struct RasterInfo: Encodable {
    public struct CRS: Encodable {
        public var epsg: Int?
        public var name: String
        public var isGeographic: Bool
        public var wkt: String

        enum CodingKeys: String, CodingKey { case epsg, name, isGeographic = "is_geographic", wkt }
    }

    public struct Bounds: Encodable {
        public var minX: Double, minY: Double, maxX: Double, maxY: Double
        enum CodingKeys: String, CodingKey { case minX = "min_x", minY = "min_y", maxX = "max_x", maxY = "max_y" }
    }

    public struct Statistics: Encodable {
        public var minimum: Double?, maximum: Double?, mean: Double?, std: Double?
        public var validCount: Int, invalidCount: Int
        enum CodingKeys: String, CodingKey {
            case minimum = "min", maximum = "max", mean, std
            case validCount = "valid_count", invalidCount = "nodata_count"
        }
    }

    public struct BandInfo: Encodable {
        public var band: Int
        public var type: String
        public var nodata: Double?
        public var scale: Double
        public var offset: Double
        public var blockSize: [Int]
        public var overviews: [[Int]]
        public var colorInterpretation: String
        public var description: String
        public var statistics: Statistics?

        enum CodingKeys: String, CodingKey {
            case band, type, nodata, scale, offset, overviews, description, statistics
            case blockSize = "block_size", colorInterpretation = "color_interpretation"
        }
    }

    public var file: String
    public var driver: String
    public var width: Int
    public var height: Int
    public var bandCount: Int
    public var crs: CRS?
    public var geotransform: [Double]?
    public var bounds: Bounds?
    public var boundsWGS84: Bounds?
    public var compression: String?
    public var metadata: [String: String]
    public var bands: [BandInfo]

    enum CodingKeys: String, CodingKey {
        case file, driver, width, height, crs, geotransform, bounds, compression, metadata, bands
        case bandCount = "band_count", boundsWGS84 = "bounds_wgs84"
    }

    /// Gathers the information; `statistics` reads every pixel (block by block).
    public init(dataset ds: Dataset, statistics: Bool, progress: ((Double) -> Void)? = nil) throws {
        file = ds.path
        driver = ds.driverName
        width = ds.width
        height = ds.height
        bandCount = ds.bandCount
        compression = ds.compression
        metadata = ds.metadata()
        let gt = ds.geoTransform
        geotransform = gt?.array
        if let gt {
            let b = gt.bounds(width: width, height: height)
            bounds = Bounds(minX: b.minX, minY: b.minY, maxX: b.maxX, maxY: b.maxY)
        }
        if let srs = try ds.spatialReference() {
            crs = CRS(epsg: srs.authorityCode, name: srs.name, isGeographic: srs.isGeographic, wkt: srs.wkt)
            if let gt { boundsWGS84 = try RasterInfo.wgs84Bounds(gt, width: width, height: height, srs: srs) }
        }
        var bands: [BandInfo] = []
        for band in try ds.bands() {
            var stats: Statistics?
            if statistics {
                let n = Double(ds.bandCount), i = Double(band.index - 1)
                let s = try band.statistics { progress?((i + $0) / n) }
                let has = s.validCount > 0
                stats = Statistics(minimum: has ? s.minimum : nil, maximum: has ? s.maximum : nil,
                                   mean: has ? s.mean : nil, std: has ? s.standardDeviation : nil,
                                   validCount: s.validCount, invalidCount: s.invalidCount)
            }
            let block = band.blockSize
            bands.append(BandInfo(band: band.index, type: band.gdalTypeName, nodata: band.nodata,
                                  scale: band.scale, offset: band.offset, blockSize: [block.width, block.height],
                                  overviews: band.overviewSizes.map { [$0.width, $0.height] },
                                  colorInterpretation: band.colorInterpretation,
                                  description: band.bandDescription, statistics: stats))
        }
        self.bands = bands
    }

    /// Bounds of the raster's four corners in WGS 84 longitude/latitude.
    static func wgs84Bounds(_ gt: GeoTransform, width: Int, height: Int, srs: SpatialReference) throws -> Bounds? {
        let ct = try CoordinateTransform(from: srs, to: .wgs84())
        let corners = [(0.0, 0.0), (Double(width), 0.0), (0.0, Double(height)), (Double(width), Double(height))]
        var xs = corners.map { gt.world(col: $0.0, row: $0.1).x }
        var ys = corners.map { gt.world(col: $0.0, row: $0.1).y }
        let ok = ct.transform(xs: &xs, ys: &ys)
        guard ok.allSatisfy({ $0 }) else { return nil }
        return Bounds(minX: xs.min()!, minY: ys.min()!, maxX: xs.max()!, maxY: ys.max()!)
    }

    /// The human-readable report (`geotool info` without `--json`).
    public var text: String {
        var lines: [String] = []
        lines.append("File: \(file)")
        lines.append("Driver: \(driver)")
        lines.append("Size: \(width) × \(height), \(bandCount) band(s)")
        if let crs {
            lines.append("CRS: \(crs.epsg.map { "EPSG:\($0)" } ?? "(no EPSG code)") — \(crs.name)")
        } else {
            lines.append("CRS: none")
        }
        if let gt = geotransform { lines.append("GeoTransform: \(gt.map { format($0) }.joined(separator: ", "))") }
        if let b = bounds {
            lines.append("Bounds: x \(format(b.minX)) … \(format(b.maxX)), y \(format(b.minY)) … \(format(b.maxY))")
        }
        if let b = boundsWGS84 {
            lines.append("Bounds (WGS 84): lon \(format(b.minX)) … \(format(b.maxX)), lat \(format(b.minY)) … \(format(b.maxY))")
        }
        lines.append("Compression: \(compression ?? "none")")
        for b in bands {
            var line = "Band \(b.band): \(b.type), block \(b.blockSize[0])×\(b.blockSize[1])"
            line += ", nodata \(b.nodata.map { format($0) } ?? "none")"
            if b.scale != 1 || b.offset != 0 { line += ", scale \(format(b.scale)), offset \(format(b.offset))" }
            if !b.overviews.isEmpty {
                line += ", overviews \(b.overviews.map { "\($0[0])×\($0[1])" }.joined(separator: ", "))"
            }
            if !b.description.isEmpty { line += ", \"\(b.description)\"" }
            lines.append(line)
            if let s = b.statistics {
                if let mn = s.minimum, let mx = s.maximum, let mean = s.mean, let std = s.std {
                    lines.append("  min \(format(mn)), max \(format(mx)), mean \(format(mean)), std \(format(std)), "
                                 + "valid \(s.validCount), nodata \(s.invalidCount)")
                } else {
                    lines.append("  no valid pixels (nodata \(s.invalidCount))")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func format(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(format: "%.10g", v)
    }
}
