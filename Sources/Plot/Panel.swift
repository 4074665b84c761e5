/// One set of axes: layers drawn in a data area with ticks, labels, title, legend and notes.
public struct Panel: Sendable {
    public var title: String?
    public var xAxis: Axis
    public var yAxis: Axis
    public var layers: [PlotLayer]
    /// Lines of text shown in a box in the upper-left corner (e.g. metrics).
    public var notes: [String]
    public var showLegend: Bool
    /// One data unit has the same length on both axes (maps, predicted-vs-observed), scaled by `aspectRatio`.
    public var equalAspect: Bool
    /// With `equalAspect`: drawn length of one y unit over that of one x unit (1/cos(latitude)
    /// makes a longitude/latitude map look right; 1 for projected maps and scatter plots).
    public var aspectRatio: Double
    /// Shown instead of the data when no layer has a drawable value.
    public var noDataMessage: String

    public init(title: String? = nil, xAxis: Axis = Axis(), yAxis: Axis = Axis(), layers: [PlotLayer] = [],
                notes: [String] = [], showLegend: Bool = true, equalAspect: Bool = false, aspectRatio: Double = 1,
                noDataMessage: String = "no valid data") {
        self.title = title
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.layers = layers
        self.notes = notes
        self.showLegend = showLegend
        self.equalAspect = equalAspect
        self.aspectRatio = aspectRatio
        self.noDataMessage = noDataMessage
    }

    /// Whether any layer has something to draw on these axes (reference lines alone do not count).
    public var hasValidData: Bool {
        layers.contains { layer in
            switch layer {
            case .series(let s): return !s.drawable(x: xAxis.scale, y: yAxis.scale).isEmpty
            case .referenceLine: return false
            case .histogram(let h, _): return h.total > 0
            case .raster(let r): return r.hasValidData
            }
        }
    }

    /// Union of the layers' data ranges on each axis.
    func dataRanges() -> (x: ClosedRange<Double>?, y: ClosedRange<Double>?) {
        var x: ClosedRange<Double>?, y: ClosedRange<Double>?
        func add(_ r: inout ClosedRange<Double>?, _ lo: Double, _ hi: Double) {
            guard lo.isFinite, hi.isFinite, lo <= hi else { return }
            r = r.map { min($0.lowerBound, lo)...max($0.upperBound, hi) } ?? lo...hi
        }
        for layer in layers {
            switch layer {
            case .series(let s):
                for (px, py) in s.drawable(x: xAxis.scale, y: yAxis.scale) { add(&x, px, px); add(&y, py, py) }
            case .referenceLine: break
            case .histogram(let h, _):
                add(&x, h.edges.first!, h.edges.last!)
                add(&y, 0, Double(h.counts.max() ?? 0))
            case .raster(let r):
                let e = r.extent
                add(&x, e.x.lowerBound, e.x.upperBound); add(&y, e.y.lowerBound, e.y.upperBound)
            }
        }
        return (x, y)
    }
}
