import Foundation
import TEM1D

/// The models of a run, from a CSV (`rho_1…rho_n, thk_1…thk_{n−1}`, one model per row; `TEM1D.ModelCSV`) or a
/// YAML spec (`ModelSpecFile`), chosen by the file extension. All models have the same layer count.
struct ModelInput {
    let path: String
    let models: [LayeredModel]

    /// Number of layers (including the half-space) of every model.
    var layerCount: Int { models[0].layerCount }

    /// Reads and validates the models; errors are one line naming the file and the row/field or key path.
    init(path: String) throws {
        self.path = path
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv":
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("\(path): cannot read the file")
            }
            do {
                models = try ModelCSV.parse(String(decoding: data, as: UTF8.self))
            } catch let e as TEM1DError {
                throw CLIError("\(path): \(e)")
            }
        case "yaml", "yml":
            models = try ModelSpecFile.load(path)
        default:
            throw CLIError("\(path): models must be a .csv table or a .yaml/.yml spec")
        }
        guard !models.isEmpty else { throw CLIError("\(path): no models") }
    }
}
