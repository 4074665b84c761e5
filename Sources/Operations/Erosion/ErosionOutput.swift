import Foundation
import Raster

/// Output helpers shared by the erosion operations (`erosion derive`, `erosion run`, `evolve`).
public enum ErosionOutput {
    /// Creates `dir` (and parents) or fails with one line.
    public static func makeDirectory(_ dir: String) throws {
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw OperationError("\(dir): cannot create the output directory: \(error.localizedDescription)")
        }
    }

    /// Writes text atomically (temporary name + rename).
    public static func writeText(_ text: String, to path: String) throws {
        try AtomicFile.write(to: path) { tmp in
            guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8)) else {
                throw OperationError("\(path): cannot write")
            }
        }
    }

    /// The number of worker threads: `jobs` or the active processor count.
    public static func jobs(_ jobs: Int?) -> Int { max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount) }
}
