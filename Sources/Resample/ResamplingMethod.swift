/// GDAL warper resampling kernels, named as `gdalwarp -r` names them.
public enum ResamplingMethod: String, Sendable, CaseIterable, Codable {
    case nearest = "near", bilinear, cubic, cubicspline, lanczos, average, mode, min, max, med

    /// Accepts `nearest` and `near`.
    public init?(name: String) {
        if name == "nearest" { self = .nearest; return }
        self.init(rawValue: name)
    }
}
