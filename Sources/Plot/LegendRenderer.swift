/// Draws a panel's legend in the corner of the data area that hides the fewest data points.
struct LegendRenderer {
    let panel: Panel
    let canvas: Canvas
    let fs: Double

    struct Entry { let label: String; let layer: PlotLayer; let color: Color }

    func entries() -> [Entry] {
        var out: [Entry] = []
        var colorIndex = 0
        for layer in panel.layers {
            var color = Color.black
            switch layer {
            case .series(let s):
                color = s.color ?? Color.cycle(colorIndex)
                if s.color == nil { colorIndex += 1 }
            case .referenceLine(let r): color = r.color
            case .histogram(_, let c): color = c
            case .raster: break
            }
            if let l = layer.label, !l.isEmpty { out.append(Entry(label: l, layer: layer, color: color)) }
        }
        return out
    }

    func draw(_ l: PanelRenderer.Layout, avoiding notes: Rect?) {
        let items = entries()
        guard !items.isEmpty else { return }
        let pad = fs * 0.5, row = fs * 1.35, glyph = fs * 2.2
        let w = pad * 2 + glyph + fs * 0.5 + (items.map { canvas.textWidth($0.label, size: fs) }.max() ?? 0)
        let h = pad + Double(items.count) * row
        let inset = fs * 0.5
        let p = l.plot
        let corners = [Rect(x: p.maxX - inset - w, y: p.y + inset, width: w, height: h),
                       Rect(x: p.x + inset, y: p.y + inset, width: w, height: h),
                       Rect(x: p.maxX - inset - w, y: p.maxY - inset - h, width: w, height: h),
                       Rect(x: p.x + inset, y: p.maxY - inset - h, width: w, height: h)]
            .filter { notes == nil || !$0.intersects(notes!) }
        guard !corners.isEmpty else { return }
        let pts = samplePositions(l)
        let box = corners.min { a, b in hidden(a, pts) < hidden(b, pts) }!
        canvas.fill(box, Color.white.withAlpha(0.85))
        canvas.stroke(box, .lightGray, width: 0.6)
        for (i, e) in items.enumerated() {
            let cy = box.y + pad * 0.5 + row * (Double(i) + 0.5)
            let gx = box.x + pad
            switch e.layer {
            case .series(let s):
                if s.style != .markers { canvas.line(gx, cy, gx + glyph, cy, e.color, width: s.lineWidth) }
                if s.style != .line { canvas.circles([(gx + glyph / 2, cy)], radius: max(s.markerSize / 2, 2), e.color) }
            case .referenceLine(let r):
                canvas.line(gx, cy, gx + glyph, cy, e.color, width: r.lineWidth, dash: r.dashed ? [5, 3] : nil)
            case .histogram:
                canvas.fill(Rect(x: gx, y: cy - fs * 0.4, width: glyph, height: fs * 0.8), e.color)
            case .raster: break
            }
            canvas.text(e.label, x: gx + glyph + fs * 0.5, y: cy, size: fs, v: .center)
        }
    }

    /// Up to ~2000 positions of the panel's series points (and reference lines), to score corners.
    func samplePositions(_ l: PanelRenderer.Layout) -> [(Double, Double)] {
        var out: [(Double, Double)] = []
        for layer in panel.layers {
            switch layer {
            case .series(let s):
                let step = max(1, s.x.count / 2000)
                for i in stride(from: 0, to: s.x.count, by: step) { out.append((l.x.position(s.x[i]), l.y.position(s.y[i]))) }
            case .referenceLine(let r):
                for i in 0...40 {
                    let xv = l.x.value(at: l.plot.x + l.plot.width * Double(i) / 40)
                    out.append((l.x.position(xv), l.y.position(r.intercept + r.slope * xv)))
                }
            default: break
            }
        }
        return out
    }

    func hidden(_ r: Rect, _ pts: [(Double, Double)]) -> Int { pts.reduce(0) { $0 + (r.contains($1.0, $1.1) ? 1 : 0) } }
}
