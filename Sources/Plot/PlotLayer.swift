/// One thing drawn in a panel's data area.
public enum PlotLayer: Sendable {
    case series(Series)
    case referenceLine(ReferenceLine)
    case histogram(Histogram, color: Color)
    case raster(RasterLayer)

    var label: String? {
        switch self {
        case .series(let s): return s.label
        case .referenceLine(let r): return r.label
        case .histogram, .raster: return nil
        }
    }
}
