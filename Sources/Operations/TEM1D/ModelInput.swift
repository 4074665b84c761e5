import Foundation
import GeoSupport
import TEM1D

/// The models of a run, from a CSV (`rho_1…rho_n, thk_1…thk_{n−1}`, one model per row; `TEM1D.ModelCSV`) or a
/// YAML spec (`ModelSpecFile`), chosen by the file extension. A CSV may mix layer counts (empty trailing cells).
public struct ModelInput: Sendable {
    public let path: String
    public let models: [LayeredModel]
    /// Per-model loop height and receiver offset (`height`, `rx_dz` columns of a models CSV, read only with
    /// `allowGeometry`); nil when the file has neither column.
    public let geometry: [SoundingGeometry]?
    /// Things the reader wants the user to know (e.g. that the spec uses deprecated keys), one line each.
    public let notices: [String]

    /// Smallest and largest number of layers (including the half-space) of the models.
    public var layerCounts: ClosedRange<Int> {
        let counts = models.map(\.layerCount)
        return counts.min()!...counts.max()!
    }

    /// The default cap on the models of one run (`--max-models`): a million models take about a minute on
    /// two cores and ~200 MB of output; a spec that expands to more is refused before expansion.
    public static let defaultMaxModels = 1_000_000


    /// Reads and validates the models (at most `maxModels`); errors are one line naming the file and the
    /// row/field or key path.
    public init(path: String, maxModels: Int = ModelInput.defaultMaxModels, allowGeometry: Bool = false) throws {
        var notices: [String] = []
        self.path = path
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            guard let data = FileManager.default.contents(atPath: path) else {
                throw OperationError("\(path): cannot read the file")
            }
            do {
                (models, geometry) = try ModelCSV.parseSoundings(bytes: [UInt8](data), path: path, allowGeometry: allowGeometry)
            } catch let e as TEM1DError {
                throw OperationError("\(path): \(e)")
            } catch let e as CSVError {
                throw OperationError("\(e)")
            }
        case "yaml", "yml":
            let spec = try ModelSpaceFile.load(path, maxModels: maxModels)
            models = spec.models
            geometry = nil
            if spec.deprecatedKeys {
                notices.append("\(path): 'mode' and its keys are deprecated; write the spec in the shared vocabulary (README, TEM1D model specs)")
            }
        default:
            throw OperationError("\(path): models must be a .csv table or a .yaml/.yml spec")
        }
        guard !models.isEmpty else { throw OperationError("\(path): no models") }
        guard models.count <= maxModels else { throw ModelCountError(path: path, count: models.count, limit: maxModels) }
        for (i, m) in models.enumerated() {    // all of them before any output exists
            do { try m.validate() } catch { throw OperationError("\(path): model \(i): \(error)") }
        }
        self.notices = notices
    }
}
