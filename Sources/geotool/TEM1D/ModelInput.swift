import Foundation
import GeoSupport
import TEM1D

/// The models of a run, from a CSV (`rho_1…rho_n, thk_1…thk_{n−1}`, one model per row; `TEM1D.ModelCSV`) or a
/// YAML spec (`ModelSpecFile`), chosen by the file extension. A CSV may mix layer counts (empty trailing cells).
struct ModelInput {
    let path: String
    let models: [LayeredModel]

    /// Smallest and largest number of layers (including the half-space) of the models.
    var layerCounts: ClosedRange<Int> {
        let counts = models.map(\.layerCount)
        return counts.min()!...counts.max()!
    }

    /// The default cap on the models of one run (`--max-models`): a million models take about a minute on
    /// two cores and ~200 MB of output; a spec that expands to more is refused before expansion.
    static let defaultMaxModels = 1_000_000

    /// The error for a model file or spec with more than `limit` models.
    static func tooMany(_ path: String, count: Int, limit: Int) -> CLIError {
        CLIError("\(path): \(count) models, more than the limit of \(limit) (raise it with --max-models)")
    }

    /// Reads and validates the models (at most `maxModels`); errors are one line naming the file and the
    /// row/field or key path.
    init(path: String, maxModels: Int = ModelInput.defaultMaxModels) throws {
        self.path = path
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): cannot read the file")
            }
            do {
                models = try ModelCSV.parse(bytes: [UInt8](data), path: path)
            } catch let e as TEM1DError {
                throw CLIError("\(path): \(e)")
            } catch let e as CSVError {
                throw CLIError("\(e)")
            }
        case "yaml", "yml":
            models = try ModelSpaceFile.load(path, maxModels: maxModels)
        default:
            throw CLIError("\(path): models must be a .csv table or a .yaml/.yml spec")
        }
        guard !models.isEmpty else { throw CLIError("\(path): no models") }
        guard models.count <= maxModels else { throw Self.tooMany(path, count: models.count, limit: maxModels) }
        for (i, m) in models.enumerated() {    // all of them before any output exists
            do { try m.validate() } catch { throw CLIError("\(path): model \(i): \(error)") }
        }
    }
}
