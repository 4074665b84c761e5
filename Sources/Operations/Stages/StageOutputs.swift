import Batch
import Foundation

/// Where a stage writes its named output files: a directory of the user's (the CLI) or a job's own output
/// directory through `JobContext.writeOutput` (contained, never over an input, nothing committed once
/// cancelled). Either way each file is written durably: `write(name) { path in … }` gives the writer the path to
/// create and returns the final path.
public struct StageOutputs: Sendable {
    private let writeFile: @Sendable (String, (String) throws -> Void) throws -> String

    /// Files named in `directory`; the writer writes the final path itself (geotool's raster and CSV writers are
    /// atomic and durable).
    public static func directory(_ directory: String) -> StageOutputs {
        StageOutputs { name, body in
            let path = (directory as NSString).appendingPathComponent(name)
            try body(path)
            return path
        }
    }

    /// Files in the job's output directory, each through `context.writeOutput`.
    public static func job(_ context: JobContext) -> StageOutputs {
        StageOutputs { name, body in try context.writeOutput(name, body) }
    }

    /// Writes output `name` with `body` and returns its final path.
    @discardableResult
    public func write(_ name: String, _ body: (String) throws -> Void) throws -> String {
        try writeFile(name, body)
    }
}
