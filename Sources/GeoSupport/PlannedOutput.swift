import Foundation

/// Something a command is about to write, described before it writes anything (see `OutputGuard`).
public enum PlannedOutput: Sendable {
    /// One file (written or replaced).
    case file(String)
    /// Files in `directory` whose names `matches` accepts (e.g. snapshots `elevation_step000010.tif`
    /// whose number depends on the run).
    case files(in: String, matching: @Sendable (String) -> Bool)
    /// A directory the command fills and may remove as a whole (e.g. a run's `OUT.parts/`): any
    /// file inside it is an output.
    case directory(String)

    /// `directory/name` for each name: the usual "fixed file names in an output directory".
    public static func files(_ names: [String], in directory: String) -> [PlannedOutput] {
        names.map { .file((directory as NSString).appendingPathComponent($0)) }
    }
}
