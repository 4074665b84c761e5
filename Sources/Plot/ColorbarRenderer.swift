/// Draws the colorbar of a raster layer to the right of the data area.
struct ColorbarRenderer {
    let layer: RasterLayer
    let canvas: Canvas
    let fs: Double

    var gap: Double { fs * 1.0 }
    var barWidth: Double { fs * 1.3 }
    var tickLength: Double { fs * 0.35 }

    var ticks: [Tick] {
        let t = NiceNumbers.ticks(min: layer.vmin, max: layer.vmax, count: 6)
        return zip(t.values, NiceNumbers.labels(t.values, step: t.step)).map { Tick(value: $0, label: $1) }
    }

    /// Horizontal space the colorbar needs, in points.
    var width: Double {
        let labelW = ticks.map { canvas.labelWidth($0.label, size: fs) }.max() ?? 0
        return gap + barWidth + tickLength + fs * 0.35 + labelW + (layer.colorbarLabel == nil ? fs * 0.5 : fs * 1.1 * 1.8)
    }

    func draw(beside plot: Rect) {
        let bar = Rect(x: plot.maxX + gap, y: plot.y, width: barWidth, height: plot.height)
        let lut = Array(layer.colormap.argb.reversed())   // top = vmax
        try? canvas.image(lut, width: 1, height: lut.count, in: bar, smooth: false)
        canvas.stroke(bar, .black, width: 0.8)
        let span = layer.vmax - layer.vmin
        var labelRight = bar.maxX
        for t in ticks {
            let y = span > 0 ? bar.maxY - FiniteMath.fraction(t.value, from: layer.vmin, to: layer.vmax) * bar.height : bar.midY
            canvas.line(bar.maxX, y, bar.maxX + tickLength, y, .black, width: 0.8)
            canvas.label(t.label, x: bar.maxX + tickLength + fs * 0.35, y: y, size: fs, h: .left, v: .center)
            labelRight = max(labelRight, bar.maxX + tickLength + fs * 0.35 + canvas.labelWidth(t.label, size: fs))
        }
        if let s = layer.colorbarLabel {
            canvas.text(s, x: labelRight + fs * 1.1 * 0.9, y: bar.midY, size: fs * 1.1, h: .center, v: .center,
                        rotation: .pi / 2)
        }
    }
}
