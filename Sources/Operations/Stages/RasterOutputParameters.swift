import Batch
import GeoSupport
import Raster

/// The output format and creation options of a stage that writes rasters (`of`, `co`; the CLI's `--of` and
/// `-co`), declared once for every such stage.
public struct RasterOutputParameters: Sendable, Equatable {
    public var format: OutputFormat
    /// Creation options merged over the stage's defaults (keys upper-cased).
    public var creationOptions: [String: String]

    public init(format: OutputFormat = .gtiff, creationOptions: [String: String] = [:]) {
        self.format = format
        self.creationOptions = creationOptions
    }

    /// The declarations of `of` and `co`.
    public static let declarations = [
        ParameterDeclaration("of", .choice(OutputFormat.allCases.map(\.rawValue)), default: "GTiff",
                             help: "output format"),
        ParameterDeclaration("co", .text, help: "creation options KEY=VALUE, comma-separated (merged over the defaults)"),
    ]

    /// The format named `name` (GTiff, COG; any case); errors name `key`.
    public static func format(_ name: String, key: String = "of") throws -> OutputFormat {
        guard let f = OutputFormat(name: name) else {
            throw StageParameterError(key, "unknown format '\(name)' (use GTiff or COG)")
        }
        return f
    }

    /// `KEY=VALUE` items as a dictionary (keys upper-cased, a later item wins); errors name `key`.
    public static func creationOptions(_ items: [String], key: String = "co") throws -> [String: String] {
        var options: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw StageParameterError(key, "expected KEY=VALUE, got '\(item)'")
            }
            options[String(item[..<eq]).uppercased()] = String(item[item.index(after: eq)...])
        }
        return options
    }

    /// The values of `of` and `co` in a job's parameters.
    static func read(_ a: StageArguments) throws -> RasterOutputParameters {
        RasterOutputParameters(format: try format(a.text("of") ?? "GTiff"), creationOptions: try creationOptions(a.list("co")))
    }
}
