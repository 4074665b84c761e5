import Foundation
import GeoSupport

/// Lays out and draws one panel into a cell of the canvas.
struct PanelRenderer {
    let panel: Panel
    let canvas: Canvas
    /// Base font size (tick labels), points.
    let fs: Double

    var labelSize: Double { fs * 1.1 }
    var titleSize: Double { fs * 1.2 }
    var tickLength: Double { fs * 0.35 }
    var pad: Double { fs * 0.5 }
    static let gridColor = Color(hex: 0xe3e3e3)

    /// The placed data area and its scales.
    struct Layout {
        var plot: Rect
        var x: Scale
        var y: Scale
        var xTicks: [Tick]
        var yTicks: [Tick]
    }

    func draw(in cell: Rect) throws(PlotError) {
        var area = Rect(x: cell.x + pad, y: cell.y + pad, width: cell.width - 2 * pad, height: cell.height - 2 * pad)
        if let t = panel.title, !t.isEmpty {
            canvas.text(t, x: area.midX, y: area.y, size: titleSize, h: .center, v: .top)
            area.y += titleSize * 1.7
            area.height -= titleSize * 1.7
        }
        guard area.width > fs * 4, area.height > fs * 4 else { return }
        guard panel.hasValidData else { drawNoData(in: area); return }
        let raster = panel.layers.lazy.compactMap { if case .raster(let r) = $0 { return r } else { return nil } }.first
        let colorbar = raster.map { ColorbarRenderer(layer: $0, canvas: canvas, fs: fs) }
        let layout = makeLayout(area: area, rightReserve: colorbar?.width ?? fs * 1.2)
        guard layout.plot.width > 4, layout.plot.height > 4 else { drawNoData(in: area); return }

        drawGrid(layout)
        canvas.save()
        canvas.clip(layout.plot)
        try drawLayers(layout)
        canvas.restore()
        canvas.stroke(layout.plot, .black, width: 0.8)
        drawTicks(layout)
        drawAxisLabels(layout, area: area)
        let notesRect = drawNotes(layout)
        if panel.showLegend { LegendRenderer(panel: panel, canvas: canvas, fs: fs).draw(layout, avoiding: notesRect) }
        colorbar?.draw(beside: layout.plot)
    }

    // MARK: layout

    func makeLayout(area: Rect, rightReserve: Double) -> Layout {
        let ranges = panel.dataRanges()
        let (x0, x1) = panel.xAxis.resolvedRange(data: ranges.x)
        let (y0, y1) = panel.yAxis.resolvedRange(data: ranges.y)
        let xLabelBlock = panel.xAxis.label == nil ? 0 : labelSize * 1.5
        let bottom = tickLength + fs * 0.35 + fs * 1.25 + xLabelBlock
        // y tick labels decide the left margin; their count depends on the height only.
        let approxH = area.height - bottom
        let yTicks = panel.yAxis.ticks(lower: y0, upper: y1, count: tickCount(length: approxH, spacing: fs * 3.2))
        let yLabelW = yTicks.filter(\.isMajor).map { canvas.labelWidth($0.label, size: fs) }.max() ?? 0
        let yLabelBlock = panel.yAxis.label == nil ? 0 : labelSize * 1.6
        let left = tickLength + fs * 0.35 + yLabelW + yLabelBlock
        var plot = Rect(x: area.x + left, y: area.y + fs * 0.3, width: area.width - left - rightReserve,
                        height: area.height - bottom - fs * 0.3)
        if panel.equalAspect, panel.xAxis.scale == .linear, panel.yAxis.scale == .linear, x1 > x0, y1 > y0 {
            let ratio = panel.aspectRatio > 0 && panel.aspectRatio.isFinite ? panel.aspectRatio : 1
            // Only the ratio of the spans matters: halve both when either overflows (±1e308 data).
            var (xSpan, ySpan) = (x1 - x0, (y1 - y0) * ratio)
            if !xSpan.isFinite || !ySpan.isFinite {
                (xSpan, ySpan) = (FiniteMath.halfSpan(x0, x1), FiniteMath.halfSpan(y0, y1) * ratio)
                if !ySpan.isFinite { (xSpan, ySpan) = (xSpan / ratio, FiniteMath.halfSpan(y0, y1)) }
            }
            let ux = xSpan / plot.width, uy = ySpan / plot.height   // data units per point
            if !(ux > 0 && uy > 0 && ux.isFinite && uy.isFinite) {
                // Subnormal spans: units per point underflow; keep the unconstrained data area.
            } else if ux > uy {
                let h = ySpan / ux
                plot.y += (plot.height - h) / 2
                plot.height = h
            } else {
                let w = xSpan / uy
                plot.x += (plot.width - w) / 2
                plot.width = w
            }
        }
        let xs = Scale(kind: panel.xAxis.scale, domain: panel.xAxis.inverted ? (x1, x0) : (x0, x1), range: (plot.x, plot.maxX))
        let ys = Scale(kind: panel.yAxis.scale, domain: panel.yAxis.inverted ? (y1, y0) : (y0, y1), range: (plot.maxY, plot.y))
        var xTicks = panel.xAxis.ticks(lower: x0, upper: x1, count: tickCount(length: plot.width, spacing: fs * 6))
        var yt = panel.yAxis.ticks(lower: y0, upper: y1, count: tickCount(length: plot.height, spacing: fs * 3.2))
        thinLabels(&xTicks, scale: xs) { canvas.labelWidth($0, size: fs) + fs * 0.9 }
        thinLabels(&yt, scale: ys) { _ in fs * 1.4 }
        return Layout(plot: plot, x: xs, y: ys, xTicks: xTicks, yTicks: yt)
    }

    func tickCount(length: Double, spacing: Double) -> Int { CheckedSize.clamped(length / spacing, to: 3...9) }

    /// Blanks every label but each n-th (smallest n) so that neighbouring labels do not overlap;
    /// `extent` is the space a label needs along the axis.
    func thinLabels(_ ticks: inout [Tick], scale: Scale, extent: (TickLabel) -> Double) {
        let idx = ticks.indices.filter { ticks[$0].isMajor && !ticks[$0].label.isEmpty }
        guard idx.count > 1 else { return }
        let pos = idx.map { scale.position(ticks[$0].value) }
        let ext = idx.map { extent(ticks[$0].label) }
        for step in 1...idx.count {
            let kept = Array(stride(from: 0, to: idx.count, by: step))
            let fits = zip(kept, kept.dropFirst()).allSatisfy { a, b in abs(pos[b] - pos[a]) >= (ext[a] + ext[b]) / 2 }
            if fits {
                let keep = Set(kept.map { idx[$0] })
                for i in idx where !keep.contains(i) { ticks[i].label = TickLabel("") }
                return
            }
        }
    }

    // MARK: drawing

    func drawNoData(in area: Rect) {
        canvas.stroke(area, .lightGray, width: 0.8)
        canvas.text(panel.noDataMessage, x: area.midX, y: area.midY, size: fs * 1.4, h: .center, v: .center,
                    color: .gray)
    }

    func drawGrid(_ l: Layout) {
        if panel.xAxis.showGrid {
            for t in l.xTicks where t.isMajor {
                let p = l.x.position(t.value)
                canvas.line(p, l.plot.y, p, l.plot.maxY, PanelRenderer.gridColor, width: 0.6)
            }
        }
        if panel.yAxis.showGrid {
            for t in l.yTicks where t.isMajor {
                let p = l.y.position(t.value)
                canvas.line(l.plot.x, p, l.plot.maxX, p, PanelRenderer.gridColor, width: 0.6)
            }
        }
    }

    func drawLayers(_ l: Layout) throws(PlotError) {
        var colorIndex = 0
        for layer in panel.layers {
            switch layer {
            case .raster(let r):
                let e = r.extent
                let xa = l.x.position(e.x.lowerBound), xb = l.x.position(e.x.upperBound)
                // Image row 0 is the top: ymax for geographic layers, row 0 for pixel coordinates.
                let ya = l.y.position(r.isGeographic ? e.y.upperBound : e.y.lowerBound)
                let yb = l.y.position(r.isGeographic ? e.y.lowerBound : e.y.upperBound)
                let rect = Rect(x: min(xa, xb), y: min(ya, yb), width: abs(xb - xa), height: abs(yb - ya))
                guard [rect.x, rect.y, rect.width, rect.height].allSatisfy(\.isFinite) else { continue }
                // At most twice the canvas in pixels, whatever the extent (the image is clipped to the plot).
                let cap = 2 * max(canvas.pixelWidth, canvas.pixelHeight)
                let targetW = CheckedSize.clamped(rect.width * canvas.scale, to: 0...cap) + 1
                let targetH = CheckedSize.clamped(rect.height * canvas.scale, to: 0...cap) + 1
                let img = r.pixels(maxWidth: targetW * 2, maxHeight: targetH * 2)
                try canvas.image(img.pixels, width: img.width, height: img.height, in: rect,
                                 smooth: img.width > targetW || img.height > targetH)
            case .histogram(let h, let color):
                let base = l.y.position(0)
                for i in h.counts.indices where h.counts[i] > 0 {
                    let xa = l.x.position(h.edges[i]), xb = l.x.position(h.edges[i + 1])
                    let top = l.y.position(Double(h.counts[i]))
                    let bar = Rect(x: min(xa, xb), y: top, width: abs(xb - xa), height: base - top)
                    canvas.fill(bar, color)
                    if bar.width > 3 { canvas.stroke(bar, .white, width: 0.5) }
                }
            case .referenceLine(let r):
                let n = 128
                let pts: [(Double, Double)] = (0...n).map { i in
                    let xv = l.x.value(at: l.plot.x + l.plot.width * Double(i) / Double(n))
                    return (l.x.position(xv), l.y.position(r.intercept + r.slope * xv))
                }
                canvas.polyline(pts, r.color, width: r.lineWidth, dash: r.dashed ? [5, 3] : nil)
            case .series(let s):
                let color = s.color ?? Color.cycle(colorIndex)
                if s.color == nil { colorIndex += 1 }
                // Points the axes cannot show (non-finite, ≤ 0 on log, outside the date range) break the line.
                let pts = zip(s.x, s.y).map { x, y in
                    l.x.canShow(x) && l.y.canShow(y) ? (l.x.position(x), l.y.position(y)) : (Double.nan, Double.nan)
                }
                if s.style != .markers { canvas.polyline(pts, color, width: s.lineWidth) }
                if s.style != .line {
                    canvas.circles(pts, radius: s.markerSize / 2, color.withAlpha(color.alpha * s.markerAlpha))
                }
            }
        }
    }

    func drawTicks(_ l: Layout) {
        for t in l.xTicks {
            let p = l.x.position(t.value)
            guard p >= l.plot.x - 0.01, p <= l.plot.maxX + 0.01 else { continue }
            let len = t.isMajor ? tickLength : tickLength * 0.6
            canvas.line(p, l.plot.maxY, p, l.plot.maxY + len, .black, width: t.isMajor ? 0.8 : 0.6)
            canvas.label(t.label, x: p, y: l.plot.maxY + tickLength + fs * 0.35, size: fs, h: .center, v: .top)
        }
        for t in l.yTicks {
            let p = l.y.position(t.value)
            guard p >= l.plot.y - 0.01, p <= l.plot.maxY + 0.01 else { continue }
            let len = t.isMajor ? tickLength : tickLength * 0.6
            canvas.line(l.plot.x - len, p, l.plot.x, p, .black, width: t.isMajor ? 0.8 : 0.6)
            canvas.label(t.label, x: l.plot.x - tickLength - fs * 0.35, y: p, size: fs, h: .right, v: .center)
        }
    }

    func drawAxisLabels(_ l: Layout, area: Rect) {
        if let s = panel.xAxis.label {
            canvas.text(s, x: l.plot.midX, y: l.plot.maxY + tickLength + fs * 0.35 + fs * 1.25 + labelSize * 0.3,
                        size: labelSize, h: .center, v: .top)
        }
        if let s = panel.yAxis.label {
            let tickW = l.yTicks.filter { !$0.label.isEmpty }.map { canvas.labelWidth($0.label, size: fs) }.max() ?? 0
            let x = max(area.x + labelSize * 0.5, l.plot.x - tickLength - fs * 0.35 - tickW - labelSize * 0.9)
            canvas.text(s, x: x, y: l.plot.midY, size: labelSize, h: .center, v: .center,
                        rotation: .pi / 2)
        }
    }

    /// Draws `notes` in a box at the upper left of the data area; returns the box (nil when none).
    func drawNotes(_ l: Layout) -> Rect? {
        guard !panel.notes.isEmpty else { return nil }
        let line = fs * 1.35
        let w = (panel.notes.map { canvas.textWidth($0, size: fs) }.max() ?? 0) + 2 * pad
        let box = Rect(x: l.plot.x + pad, y: l.plot.y + pad, width: w, height: Double(panel.notes.count) * line + pad)
        canvas.fill(box, Color.white.withAlpha(0.85))
        canvas.stroke(box, .lightGray, width: 0.6)
        for (i, s) in panel.notes.enumerated() {
            canvas.text(s, x: box.x + pad, y: box.y + pad * 0.5 + line * (Double(i) + 0.5), size: fs, v: .center)
        }
        return box
    }
}
