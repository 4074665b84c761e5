import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Operations

/// `geotool plot map RASTER -o OUT.png`: one band as a colour map with a colorbar.
struct PlotMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Map one raster band with a colorbar (optionally over a hillshade).",
        discussion: """
        The colour range defaults to the 2nd–98th percentile of the valid pixels (symmetric about 0 for the \
        diverging rdbu colormap); --minmax uses the full range instead. Axes show map coordinates when the \
        raster is north-up, pixel column/row otherwise. Nodata is transparent unless --nodata-color is given.
        """)

    @Argument(help: "Raster file.")
    var raster: String

    @OptionGroup var png: PNGOutputOption

    @Option(help: "Band number (1-based).")
    var band: Int = 1

    @Option(help: "Colormap: \(Colormap.names.joined(separator: ", ")) (append _r to reverse).")
    var cmap: String = "viridis"

    @Option(help: "Lower end of the colour range.")
    var vmin: Double?

    @Option(help: "Upper end of the colour range.")
    var vmax: Double?

    @Flag(help: "Default colour range = min/max of the valid pixels instead of the 2nd–98th percentile.")
    var minmax = false

    @Flag(help: "Blend a hillshade (Horn, azimuth 315°, altitude 45°, as gdaldem) under the colours.")
    var hillshade = false

    @Option(help: "Colour of nodata pixels: #rrggbb or a name (default: transparent).")
    var nodataColor: String?

    @Option(help: "Colorbar label, e.g. 'Elevation (m)'.")
    var label: String?

    @OptionGroup var figure: FigureOptions

    func run() throws {
        try png.render(try request(), inputs: [raster])
    }

    /// The figure these options describe.
    func request() throws -> MapPlotRequest {
        for (flag, v) in [("--vmin", vmin), ("--vmax", vmax)] {
            if let v, !v.isFinite { throw CLIError("\(flag): \(v) is not a finite number") }
        }
        var color: Color?
        if let name = nodataColor {
            guard let c = Color(parsing: name) else { throw CLIError("--nodata-color: '\(name)' is not a colour") }
            color = c
        }
        return MapPlotRequest(raster: raster, band: band, cmap: cmap, vmin: vmin, vmax: vmax, minmax: minmax,
                              hillshade: hillshade, nodataColor: color, label: label, layout: figure.layout)
    }
}
