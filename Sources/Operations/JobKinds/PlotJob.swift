import Batch
import GeoSupport
import Foundation
import Plot

/// `plot`: one PNG per job, the same figure as the `geotool plot` subcommand named by `type`, e.g. a map of
/// every scenario's soil loss, or the decay curves of every TEM1D chunk.
///
/// Parameters are typed data checked against the schema of the chosen `type` (unknown keys are
/// rejected) and turned into a `PlotRequest` directly — no command line is assembled. Common: `type`
/// (map, hist, decay, scatter, series), `input` (the raster or CSV), `output` (a file name ending in
/// .png in the job's output directory, default `plot.png`), `width`, `height`, `dpi`, `title`; then the
/// options of that subcommand as parameters named after its long options with `_` for `-` (`cmap: magma`,
/// `vmax: 5`, `nodata_color: white`, `hillshade: true`). `flags` (a comma-separated list of that type's on/off
/// parameters, e.g. `hillshade,minmax`) is accepted as another way to switch them on; decay's columns may be a
/// list (`sounding_columns`).
public struct PlotJob: JobRunner {
    public let kind = "plot"
    /// The PNG (default name) and a scatter's metrics.
    public let products = KindProducts(outputs: ["plot"], results: ["n", "rmse", "bias", "r2"])

    /// Parameters of every type.
    static let common: [ParameterDeclaration] = [
        ParameterDeclaration("type", .choice(["map", "hist", "decay", "scatter", "series"]), required: true,
                             help: "the figure: map, hist, decay, scatter or series"),
        ParameterDeclaration("input", .inputFile, required: true, help: "the raster (map, hist) or CSV to plot"),
        ParameterDeclaration("output", .outputFileName(suffix: ".png"), default: "plot.png",
                             help: "file name of the PNG in the job's output directory"),
        ParameterDeclaration("width", .integer(16...16_384), default: 800, help: "image width in pixels"),
        ParameterDeclaration("height", .integer(16...16_384), default: 600, help: "image height in pixels"),
        ParameterDeclaration("dpi", .number(10...1_200), default: 100, help: "dots per inch (text and line scale)"),
        ParameterDeclaration("title", .text, help: "figure title (default: derived from the input)"),
        ParameterDeclaration("flags", .text,
                             help: "on/off options of the type to switch on, by parameter name, comma-separated (hillshade,minmax)"),
    ]

    /// Parameters of each type besides the common ones.
    static let options: [String: [ParameterDeclaration]] = [
        "map": [
            ParameterDeclaration("band", .integer(1...65_535), default: 1, help: "band number (1-based)"),
            ParameterDeclaration("cmap", .choice(Colormap.names + Colormap.names.map { $0 + "_r" }), default: "viridis",
                                 help: "colormap (_r reverses)"),
            ParameterDeclaration("vmin", .number(), help: "lower end of the colour range"),
            ParameterDeclaration("vmax", .number(), help: "upper end of the colour range"),
            ParameterDeclaration("minmax", .flag, help: "colour range = min/max instead of the 2nd–98th percentile"),
            ParameterDeclaration("hillshade", .flag, help: "blend a hillshade under the colours"),
            ParameterDeclaration("nodata_color", .text, help: "colour of nodata pixels: #rrggbb or a name"),
            ParameterDeclaration("label", .text, help: "colorbar label"),
        ],
        "scatter": [
            ParameterDeclaration("x", .text, required: true, help: "column of observed values"),
            ParameterDeclaration("y", .text, required: true, help: "column of predicted values"),
            ParameterDeclaration("no_fit", .flag, help: "do not draw the least-squares line"),
        ],
        "series": [
            ParameterDeclaration("x", .text, default: "date", help: "date column"),
            ParameterDeclaration("y", .text, required: true, help: "value column"),
            ParameterDeclaration("by", .text, help: "column splitting the rows into series"),
            ParameterDeclaration("markers", .flag, help: "draw markers as well as lines"),
        ],
        "hist": [
            ParameterDeclaration("column", .text, help: "CSV column (required for a CSV input)"),
            ParameterDeclaration("band", .integer(1...65_535), default: 1, help: "raster band (1-based)"),
            ParameterDeclaration("bins", .text, default: "auto", help: "number of bins, or auto (Freedman–Diaconis)"),
        ],
        "decay": [
            ParameterDeclaration("time", .text, default: "time_s", help: "time column (seconds)"),
            ParameterDeclaration("soundings", .text, help: "comma-separated sounding columns (default: all but time)"),
            ParameterDeclaration("sounding_columns", .list(of: .text), help: "sounding columns as a list (instead of soundings)"),
            ParameterDeclaration("ylabel", .text, default: "dBz/dt (T/s per A)", help: "y-axis label"),
        ],
    ]

    /// Every parameter of any type (a name shared by several types is declared once, not required);
    /// `validate` then applies the chosen type's own schema.
    public let schema: ParameterSchema = {
        var seen = Set<String>()
        var all = common
        for type in options.keys.sorted() {
            for d in options[type]! where seen.insert(d.name).inserted {
                all.append(ParameterDeclaration(d.name, d.type, default: d.defaultValue, help: d.help))
            }
        }
        return ParameterSchema(all)
    }()

    /// The kind, stateless.
    public init() {}

    public func validate(parameters p: JobParameters) throws {
        _ = try Self.request(p)
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let request = try Self.request(p)
        var values: [String: Double] = [:]
        let file = try context.writeOutput(p["output"]?.description ?? "plot.png") { tmp in
            values = try request.render(to: tmp)
        }
        return JobResult(values: values.mapValues(ParameterValue.number), outputs: [file])
    }

    /// The figure `p` describes, after checking `p` against the schema of its type; errors name the parameter.
    static func request(_ p: JobParameters) throws -> any PlotRequest {
        guard let type = p["type"]?.description, let own = options[type] else {
            throw BatchError.invalidSpec(path: "parameters.type", message: "must be one of \(options.keys.sorted().joined(separator: ", "))")
        }
        let declarations = common + own
        try ParameterSchema(declarations).validate(p)
        let on = try switchedOn(p, flags: Set(own.filter { $0.type == .flag }.map(\.name)))
        func text(_ key: String) -> String? { p[key]?.description }
        func number(_ key: String) -> Double? { p[key]?.doubleValue }
        func integer(_ key: String, _ fallback: Int) -> Int { number(key).map { Int($0) } ?? fallback }
        let layout = FigureLayout(width: integer("width", 800), height: integer("height", 600),
                                  dpi: number("dpi") ?? 100, title: text("title"))
        let input = text("input")!
        switch type {
        case "map":
            var color: Color?
            if let name = text("nodata_color") {
                guard let c = Color(parsing: name) else {
                    throw BatchError.invalidSpec(path: "parameters.nodata_color", message: "'\(name)' is not a colour")
                }
                color = c
            }
            return MapPlotRequest(raster: input, band: integer("band", 1), cmap: text("cmap") ?? "viridis",
                                  vmin: number("vmin"), vmax: number("vmax"), minmax: on.contains("minmax"),
                                  hillshade: on.contains("hillshade"), nodataColor: color, label: text("label"),
                                  layout: layout)
        case "scatter":
            return ScatterPlotRequest(csv: input, x: text("x")!, y: text("y")!, fitLine: !on.contains("no_fit"), layout: layout)
        case "series":
            return SeriesPlotRequest(csv: input, x: text("x") ?? "date", y: text("y")!, by: text("by"),
                                     markers: on.contains("markers"), layout: layout)
        case "hist":
            let bins: Int?
            do { bins = try HistPlotRequest.bins(parsing: text("bins") ?? "auto") } catch {
                throw BatchError.invalidSpec(path: "parameters.bins", message: "\(error)")
            }
            return HistPlotRequest(input: input, column: text("column"), band: integer("band", 1), bins: bins, layout: layout)
        default:
            var soundings = text("soundings").map(DecayPlotRequest.columns(_:))
            if let columns = p["sounding_columns"]?.elements {
                guard soundings == nil else {
                    throw BatchError.invalidSpec(path: "parameters.sounding_columns", message: "give either soundings or sounding_columns, not both")
                }
                soundings = columns.map(\.description)
            }
            return DecayPlotRequest(csv: input, time: text("time") ?? "time_s", soundings: soundings,
                                    ylabel: text("ylabel") ?? "dBz/dt (T/s per A)", layout: layout)
        }
    }

    /// The on/off options switched on, by their own parameters or by `flags` (parameter names, never CLI
    /// spellings: `no_fit`, not `--no-fit`); errors name the parameter.
    private static func switchedOn(_ p: JobParameters, flags: Set<String>) throws -> Set<String> {
        var on = Set(flags.filter { p[$0].flatMap(ParameterDeclaration.flagValue) == true })
        for item in (p["flags"]?.description ?? "").split(separator: ",") {
            let name = item.trimmingCharacters(in: .whitespaces)
            guard flags.contains(name) else {
                throw BatchError.invalidSpec(path: "parameters.flags",
                                             message: "'\(name)' is not an on/off option of this type (known: \(flags.sorted().joined(separator: ", ")))")
            }
            on.insert(name)
        }
        return on
    }
}
