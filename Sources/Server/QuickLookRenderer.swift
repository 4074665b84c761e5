/// Draws a PNG quick-look of a raster file. The server knows no raster or plotting library: whoever
/// starts it injects one (`geotool serve` passes Operations' `RasterQuickLook`, which draws with Plot).
///
/// ```swift
/// configuration.quickLook = QuickLookRenderer { raster, png in try RasterQuickLook.render(raster: raster, to: png) }
/// ```
public struct QuickLookRenderer: Sendable {
    /// Renders `raster` to the PNG `png`, written durably (complete or absent); throws a one-line error
    /// naming the raster when it cannot be drawn.
    public let render: @Sendable (_ raster: String, _ png: String) throws -> Void

    public init(render: @escaping @Sendable (_ raster: String, _ png: String) throws -> Void) {
        self.render = render
    }
}
