import Foundation
import Grid
import Raster
import Erosion
import Yams

/// A scenario file decoded (YAML via Yams, or JSON), expanded, with its factor rasters loaded
/// and checked against the DEM — all before anything is written.
///
/// Raster paths in the file are relative to the file's directory unless absolute.
public struct ScenarioInput: Sendable {
    public let path: String
    public let file: ScenarioFile
    public let scenarios: [ResolvedScenario]
    public let risk: RiskClassification
    /// Factor rasters keyed by the path string used in the file.
    public let rasters: [String: Grid<Double>]
    /// The factor raster files read (paths as opened).
    public let rasterFiles: [String]

    /// Reads, expands and checks the scenario file at `path` against `dem`; errors name the file and field.
    public init(path: String, dem: DEMInput) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw OperationError("\(path): cannot read the scenario file")
        }
        do {
            file = try YAMLDecoder().decode(ScenarioFile.self, from: text)
            scenarios = try file.expanded()
            risk = try file.riskClassification()
        } catch let e as DecodingError {
            throw OperationError("\(path): \(ScenarioInput.describe(e))")
        } catch let e as ErosionError {
            throw OperationError("\(path): \(e)")
        } catch {
            throw OperationError("\(path): invalid YAML: \(error)")
        }
        self.path = path
        for s in scenarios where s.name.range(of: "^[A-Za-z0-9_.+-]+$", options: .regularExpression) == nil {
            throw OperationError("\(path): scenario name '\(s.name)' must use only letters, digits and _ . + - (it names output files)")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        var rasters: [String: Grid<Double>] = [:]
        var rasterFiles: [String] = []
        for p in try file.rasterPaths() {
            let full = p.hasPrefix("/") ? p : base.appendingPathComponent(p).path
            rasterFiles.append(full)
            let (g, georef): (Grid<Double>, Georeference)
            do { (g, georef) = try RasterFile.read(full, as: Double.self) } catch {
                throw OperationError("\(path): factor raster \(p): \(error)")
            }
            guard g.width == dem.grid.width, g.height == dem.grid.height else {
                throw OperationError("\(path): factor raster \(p) is \(g.width)×\(g.height) pixels but the DEM is \(dem.grid.width)×\(dem.grid.height)")
            }
            if let a = georef.geoTransform, let b = dem.georeference.geoTransform,
               zip(a.array, b.array).contains(where: { abs($0 - $1) > 1e-9 * max(1, abs($1)) }) {
                throw OperationError("\(path): factor raster \(p) is not aligned with the DEM (geotransform \(a.array) vs \(b.array))")
            }
            rasters[p] = g
        }
        self.rasters = rasters
        self.rasterFiles = rasterFiles
    }

    /// One line for a decoding error: the field path and the problem.
    public static func describe(_ e: DecodingError) -> String {
        func field(_ path: [CodingKey]) -> String {
            path.isEmpty ? "top level" : "field " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        // Yams wraps errors thrown by our own decoders (unknown factor …): report those directly.
        switch e {
        case let .dataCorrupted(c) where c.underlyingError is ErosionError: return "\(c.underlyingError!)"
        case let .typeMismatch(_, c) where c.underlyingError is ErosionError: return "\(c.underlyingError!)"
        default: break
        }
        if case let .dataCorrupted(c) = e, let u = c.underlyingError as? DecodingError { return describe(u) }
        switch e {
        case let .typeMismatch(_, c): return "\(field(c.codingPath)): \(c.debugDescription)"
        case let .valueNotFound(_, c): return "\(field(c.codingPath)): missing value"
        case let .keyNotFound(k, c): return "\(field(c.codingPath + [k])): required field missing"
        case let .dataCorrupted(c):
            return "\(field(c.codingPath)): \(c.debugDescription)" + (c.underlyingError.map { " (\($0))" } ?? "")
        @unknown default: return "\(e)"
        }
    }
}
