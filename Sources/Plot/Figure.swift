import Foundation
import GeoSupport

/// A figure: one or more panels laid out in a grid, rendered to a PNG of `width`×`height` pixels.
///
/// Text sizes and line widths are in points (1/72 inch); `dpi` sets how many pixels a point is,
/// so a larger dpi at the same pixel size gives larger text (as in matplotlib). Rendering uses its
/// own cairo surface per call, so different figures can be rendered on different threads at once.
public struct Figure: Sendable {
    public var panels: [Panel]
    /// Panels per row (rows follow from the panel count).
    public var columns: Int
    public var title: String?
    /// Size of the output image in pixels.
    public var width: Int
    public var height: Int
    public var dpi: Double
    /// Base font size in points (tick labels); titles and labels are scaled from it.
    public var fontSize: Double
    /// Font family resolved by fontconfig through cairo's toy font API.
    public var fontFamily: String
    /// Page colour; nil = transparent.
    public var background: Color?

    public init(panels: [Panel], columns: Int = 1, title: String? = nil, width: Int = 800, height: Int = 600,
                dpi: Double = 100, fontSize: Double = 10, fontFamily: String = "DejaVu Sans",
                background: Color? = .white) {
        self.panels = panels
        self.columns = columns
        self.title = title
        self.width = width
        self.height = height
        self.dpi = dpi
        self.fontSize = fontSize
        self.fontFamily = fontFamily
        self.background = background
    }

    /// A one-panel figure.
    public init(_ panel: Panel, width: Int = 800, height: Int = 600, dpi: Double = 100) {
        self.init(panels: [panel], width: width, height: height, dpi: dpi)
    }

    /// Renders and returns the pixels.
    public func render() throws(PlotError) -> RGBAImage {
        try draw().rgbaImage()
    }

    /// Renders and writes a PNG durably (`DurableFile`: temporary in the same directory, fsync, rename).
    public func write(to path: String) throws(PlotError) {
        try draw().writePNG(to: path)
    }

    /// Accepted image width and height in pixels.
    public static let pixelRange = 16...20000
    /// Accepted resolutions (dots per inch).
    public static let dpiRange = 10.0...1200.0

    /// Checks the size and resolution before anything is drawn: `PlotError.invalidSize` outside
    /// `pixelRange`/`dpiRange`, `PlotError.invalidOption` when the image (and its RGBA copy, 8 bytes
    /// a pixel) would not fit `budget`.
    public func checkSize(budget: MemoryBudget = .standard) throws(PlotError) {
        guard Self.pixelRange.contains(width), Self.pixelRange.contains(height), Self.dpiRange.contains(dpi),
              fontSize > 0, fontSize.isFinite else {
            throw .invalidSize(width: width, height: height, dpi: dpi)
        }
        do {
            _ = try CheckedSize.grid(width: width, height: height, bytesPerCell: 8, field: "figure", subject: "the image",
                                     unit: "pixels", budget: budget)
        } catch {
            throw .invalidOption(name: "figure size", reason: error.description)
        }
    }

    private func draw() throws(PlotError) -> Canvas {
        try checkSize()
        let canvas = try Canvas(pixelWidth: width, pixelHeight: height, dpi: dpi, fontFamily: fontFamily,
                                background: background)
        let fs = fontSize
        var top = fs * 0.6
        if let t = title, !t.isEmpty {
            canvas.text(t, x: canvas.width / 2, y: fs * 0.6, size: fs * 1.4, h: .center, v: .top, bold: true)
            top += fs * 1.9
        }
        let cols = max(1, min(columns, max(panels.count, 1)))
        let rows = max(1, (panels.count + cols - 1) / cols)
        let cellW = canvas.width / Double(cols), cellH = (canvas.height - top) / Double(rows)
        for (i, panel) in panels.enumerated() {
            let cell = Rect(x: Double(i % cols) * cellW, y: top + Double(i / cols) * cellH, width: cellW, height: cellH)
            try PanelRenderer(panel: panel, canvas: canvas, fs: fs).draw(in: cell)
        }
        return canvas
    }
}
