import CairoShim
import Foundation
import GeoSupport

/// A rectangle in points (1/72 inch), y down.
struct Rect: Sendable, Equatable {
    var x, y, width, height: Double
    var maxX: Double { x + width }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }
    func contains(_ px: Double, _ py: Double) -> Bool { px >= x && px <= maxX && py >= y && py <= maxY }
    func intersects(_ o: Rect) -> Bool { x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY }
}

/// One cairo image surface and its drawing context, used by a single render call on a single
/// thread (never shared). Coordinates are points; the context is scaled by dpi/72.
final class Canvas {
    enum HAlign { case left, center, right }
    enum VAlign { case top, center, baseline, bottom }

    let surface: OpaquePointer
    let cr: OpaquePointer
    let pixelWidth: Int, pixelHeight: Int
    /// Pixels per point.
    let scale: Double
    /// Size in points.
    var width: Double { Double(pixelWidth) / scale }
    var height: Double { Double(pixelHeight) / scale }
    /// Cap height of DejaVu Sans as a fraction of the font size (for vertical centring of digits).
    static let capHeight = 0.73

    /// Initialises fontconfig/FreeType and cairo's toy-font cache once, before any concurrent use.
    private static let fontWarmup: Void = {
        let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 4, 4)
        let c = cairo_create(s)
        cairo_select_font_face(c, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_select_font_face(c, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD)
        var e = cairo_text_extents_t()
        cairo_text_extents(c, "0", &e)
        cairo_destroy(c)
        cairo_surface_destroy(s)
    }()

    let fontFamily: String

    init(pixelWidth: Int, pixelHeight: Int, dpi: Double, fontFamily: String, background: Color?) throws(PlotError) {
        _ = Canvas.fontWarmup
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(pixelWidth), Int32(pixelHeight)),
              cairo_surface_status(s) == CAIRO_STATUS_SUCCESS else {
            throw .cairo("cannot create a \(pixelWidth)×\(pixelHeight) image surface")
        }
        guard let c = cairo_create(s), cairo_status(c) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(s)
            throw .cairo("cannot create a drawing context")
        }
        surface = s
        cr = c
        self.pixelWidth = pixelWidth
        self.pixelHeight = pixelHeight
        self.fontFamily = fontFamily
        scale = dpi / 72
        cairo_scale(cr, scale, scale)
        // Unhinted metrics make text layout independent of the machine's hinting settings.
        let fo = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY)
        cairo_set_font_options(cr, fo)
        cairo_font_options_destroy(fo)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        if let bg = background {
            setColor(bg)
            cairo_paint(cr)
        }
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    // MARK: state

    func setColor(_ c: Color) { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    func save() { cairo_save(cr) }
    func restore() { cairo_restore(cr) }
    func clip(_ r: Rect) { cairo_rectangle(cr, r.x, r.y, r.width, r.height); cairo_clip(cr) }

    func setLine(width: Double, dash: [Double]? = nil) {
        cairo_set_line_width(cr, width)
        if let d = dash, !d.isEmpty { cairo_set_dash(cr, d, Int32(d.count), 0) } else { cairo_set_dash(cr, nil, 0, 0) }
    }

    // MARK: shapes

    func fill(_ r: Rect, _ c: Color) {
        setColor(c)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_fill(cr)
    }

    func stroke(_ r: Rect, _ c: Color, width: Double) {
        setColor(c)
        setLine(width: width)
        cairo_rectangle(cr, r.x, r.y, r.width, r.height)
        cairo_stroke(cr)
    }

    func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: Color, width: Double, dash: [Double]? = nil) {
        setColor(c)
        setLine(width: width, dash: dash)
        cairo_move_to(cr, x0, y0)
        cairo_line_to(cr, x1, y1)
        cairo_stroke(cr)
    }

    /// Strokes a polyline; non-finite points break it into pieces.
    func polyline(_ pts: [(Double, Double)], _ c: Color, width: Double, dash: [Double]? = nil) {
        setColor(c)
        setLine(width: width, dash: dash)
        var pen = false
        for (x, y) in pts {
            if x.isFinite && y.isFinite {
                if pen { cairo_line_to(cr, x, y) } else { cairo_move_to(cr, x, y); pen = true }
            } else { pen = false }
        }
        cairo_stroke(cr)
    }

    /// Filled circles of radius `r` at each finite point, each filled separately so alpha accumulates.
    func circles(_ pts: [(Double, Double)], radius r: Double, _ c: Color) {
        setColor(c)
        for (x, y) in pts where x.isFinite && y.isFinite {
            cairo_new_sub_path(cr)
            cairo_arc(cr, x, y, r, 0, 2 * .pi)
            cairo_fill(cr)
        }
    }

    // MARK: text

    private func selectFont(size: Double, bold: Bool) {
        cairo_select_font_face(cr, fontFamily, CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size)
    }

    /// Advance width of `s` in points.
    func textWidth(_ s: String, size: Double, bold: Bool = false) -> Double {
        guard !s.isEmpty else { return 0 }
        selectFont(size: size, bold: bold)
        var e = cairo_text_extents_t()
        cairo_text_extents(cr, s, &e)
        return e.x_advance
    }

    /// Width of a tick label (text plus superscript exponent at 70 % size).
    func labelWidth(_ l: TickLabel, size: Double) -> Double {
        textWidth(l.text, size: size) + (l.exponent.map { textWidth($0, size: size * 0.7) + size * 0.05 } ?? 0)
    }

    /// Draws `s` anchored at (x, y), optionally rotated (radians, counter-clockwise positive on screen).
    func text(_ s: String, x: Double, y: Double, size: Double, h: HAlign = .left, v: VAlign = .baseline,
              rotation: Double = 0, color: Color = .black, bold: Bool = false) {
        label(TickLabel(s), x: x, y: y, size: size, h: h, v: v, rotation: rotation, color: color, bold: bold)
    }

    /// Draws a tick label (with superscript exponent) anchored at (x, y).
    func label(_ l: TickLabel, x: Double, y: Double, size: Double, h: HAlign = .left, v: VAlign = .baseline,
               rotation: Double = 0, color: Color = .black, bold: Bool = false) {
        guard !l.isEmpty else { return }
        let mainW = textWidth(l.text, size: size, bold: bold)
        let w = l.exponent == nil ? mainW : labelWidth(l, size: size)
        let dx: Double = h == .left ? 0 : h == .center ? -w / 2 : -w
        let dy: Double
        switch v {
        case .top: dy = size * Canvas.capHeight + (l.exponent == nil ? 0 : size * 0.3)
        case .center: dy = size * Canvas.capHeight / 2 + (l.exponent == nil ? 0 : size * 0.15)
        case .baseline: dy = 0
        case .bottom: dy = -size * 0.22
        }
        save()
        cairo_translate(cr, x, y)
        if rotation != 0 { cairo_rotate(cr, -rotation) }
        setColor(color)
        selectFont(size: size, bold: bold)
        cairo_move_to(cr, dx, dy)
        cairo_show_text(cr, l.text)
        if let e = l.exponent {
            selectFont(size: size * 0.7, bold: bold)
            cairo_move_to(cr, dx + mainW + size * 0.05, dy - size * 0.42)
            cairo_show_text(cr, e)
        }
        restore()
    }

    // MARK: images

    /// Paints premultiplied ARGB32 pixels (row-major, `w`×`h`) scaled into `r`.
    /// `smooth` uses cairo's GOOD filter (for downscaling); otherwise nearest neighbour.
    func image(_ pixels: [UInt32], width w: Int, height h: Int, in r: Rect, smooth: Bool) throws(PlotError) {
        guard w > 0, h > 0 else { return }
        guard let img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(w), Int32(h)),
              cairo_surface_status(img) == CAIRO_STATUS_SUCCESS else {
            throw .cairo("cannot create a \(w)×\(h) image")
        }
        defer { cairo_surface_destroy(img) }
        cairo_surface_flush(img)
        let stride = Int(cairo_image_surface_get_stride(img))
        guard let data = cairo_image_surface_get_data(img) else { throw .cairo("image surface has no data") }
        pixels.withUnsafeBytes { src in
            for row in 0..<h {
                (data + row * stride).update(from: src.baseAddress!.assumingMemoryBound(to: UInt8.self) + row * w * 4,
                                             count: w * 4)
            }
        }
        cairo_surface_mark_dirty(img)
        save()
        clip(r)
        cairo_translate(cr, r.x, r.y)
        cairo_scale(cr, r.width / Double(w), r.height / Double(h))
        cairo_set_source_surface(cr, img, 0, 0)
        let pattern = cairo_get_source(cr)
        cairo_pattern_set_filter(pattern, smooth ? CAIRO_FILTER_GOOD : CAIRO_FILTER_NEAREST)
        cairo_pattern_set_extend(pattern, CAIRO_EXTEND_PAD)
        cairo_paint(cr)
        restore()
    }

    // MARK: output

    private func checkStatus() throws(PlotError) {
        let st = cairo_status(cr)
        guard st == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(st))) }
    }

    /// The rendered pixels.
    func rgbaImage() throws(PlotError) -> RGBAImage {
        try checkStatus()
        cairo_surface_flush(surface)
        return RGBAImage(surface: surface)
    }

    /// Writes the PNG durably through `DurableFile` (temporary name in the destination directory, fsync,
    /// rename, fsync of the directory), so a file at `path` is always complete. Encoded by `PNGEncoder`
    /// (fast zlib level), or by cairo's own `cairo_surface_write_to_png` when `PNGWriter.current` is `.cairo`.
    func writePNG(to path: String) throws(PlotError) {
        try checkStatus()
        cairo_surface_flush(surface)
        do {
            if PNGWriter.current == .cairo {
                try DurableFile.write(to: path) { temporary in
                    let st = cairo_surface_write_to_png(surface, temporary)
                    guard st == CAIRO_STATUS_SUCCESS else {
                        throw PlotError.writeFailed(path: path, reason: String(cString: cairo_status_to_string(st)))
                    }
                }
            } else {
                try DurableFile.write(try PNGEncoder.encode(surface: surface), to: path)
            }
        } catch let error as PlotError {
            throw error
        } catch let error as DurableFileError {
            throw .writeFailed(path: error.path, reason: error.reason)
        } catch {
            throw .writeFailed(path: path, reason: "\(error)")
        }
    }
}
