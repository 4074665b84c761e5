/// The result of sampling a set of points in some bands of one raster: per band and point a
/// value and a status, plus each point's pixel. Plain values, safe to pass between threads.
public struct PointSamples: Sendable {
    /// The 1-based bands sampled, in order.
    public let bands: [Int]
    /// Storage type of each sampled band (nil for types geotool does not handle natively).
    public let dataTypes: [RasterDataType?]
    /// Each point's pixel (GDAL convention), nil when it is outside the raster.
    public let pixels: [PixelIndex?]
    /// `values[b][p]`: the value of point `p` in `bands[b]` (raw, without scale/offset, as
    /// `gdallocationinfo -valonly` prints it); NaN whenever the status is not `ok`.
    public private(set) var values: [[Double]]
    /// `statuses[b][p]`: the status of point `p` in `bands[b]`.
    public private(set) var statuses: [[SampleStatus]]

    public init(bands: [Int], dataTypes: [RasterDataType?], pixels: [PixelIndex?],
                values: [[Double]], statuses: [[SampleStatus]]) {
        precondition(values.count == bands.count && statuses.count == bands.count, "one row per band")
        self.bands = bands
        self.dataTypes = dataTypes
        self.pixels = pixels
        self.values = values
        self.statuses = statuses
    }

    /// Number of points.
    public var count: Int { pixels.count }

    /// The value of point `p` in band position `b`, nil unless its status is `ok`.
    public func value(band b: Int, point p: Int) -> Double? {
        statuses[b][p] == .ok ? values[b][p] : nil
    }

    /// Marks points whose `masked` flag is true as `masked` in every band (only points whose
    /// status is `ok`: outside and nodata take precedence).
    public mutating func applyMask(_ masked: [Bool]) {
        precondition(masked.count == count, "one mask flag per point")
        for b in 0..<bands.count {
            for p in 0..<count where masked[p] && statuses[b][p] == .ok {
                statuses[b][p] = .masked
                values[b][p] = .nan
            }
        }
    }
}
