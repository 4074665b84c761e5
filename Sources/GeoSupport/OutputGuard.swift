import Foundation

/// Refuses to run a command whose output would overwrite one of its own inputs.
///
/// Called once per command with every input it reads and every output it plans, *before* anything is
/// written: paths are compared as files (`FileIdentity`: symbolic links, `./a/../a` and hard links
/// see through), so `resample a.tif ./x/../a.tif`, an output that is a link to the input, or a DEM
/// named like one of the outputs in the output directory are all caught.
public enum OutputGuard {
    /// Throws `OutputClash` naming the first output that is (or, for a directory output, contains)
    /// one of `inputs`. Relative paths are taken against `base` (default: the working directory).
    public static func check(inputs: [String], outputs: [PlannedOutput],
                             base: String = FileManager.default.currentDirectoryPath) throws(OutputClash) {
        let sources = inputs.map { (spelling: $0, identity: FileIdentity($0, base: base)) }
        guard !sources.isEmpty else { return }
        for output in outputs {
            switch output {
            case .file(let path):
                let target = FileIdentity(path, base: base)
                if let input = sources.first(where: { $0.identity.isSameFile(as: target) }) {
                    throw OutputClash(output: path, input: input.spelling, resolved: target.resolvedPath,
                                      hardLink: target.resolvedPath != input.identity.resolvedPath)
                }
            case .files(let directory, let matches):
                let dir = FileIdentity(directory, base: base)
                // An input spelled as a file of the directory (existing or not) …
                for input in sources where matches((input.identity.resolvedPath as NSString).lastPathComponent)
                    && (input.identity.resolvedPath as NSString).deletingLastPathComponent == dir.resolvedPath {
                    let name = (input.identity.resolvedPath as NSString).lastPathComponent
                    throw OutputClash(output: (directory as NSString).appendingPathComponent(name), input: input.spelling,
                                      resolved: input.identity.resolvedPath)
                }
                // … or an existing matching file that is an input under another name (hard link).
                let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.resolvedPath)) ?? []
                for name in names.sorted() where matches(name) {
                    let path = (directory as NSString).appendingPathComponent(name)
                    let target = FileIdentity(path, base: base)
                    if let input = sources.first(where: { $0.identity.isSameFile(as: target) }) {
                        throw OutputClash(output: path, input: input.spelling, resolved: target.resolvedPath,
                                          hardLink: target.resolvedPath != input.identity.resolvedPath)
                    }
                }
            case .directory(let path):
                let dir = FileIdentity(path, base: base)
                if let input = sources.first(where: { $0.identity.isInside(dir) || $0.identity.isSameFile(as: dir) }) {
                    throw OutputClash(output: path, input: input.spelling, resolved: input.identity.resolvedPath,
                                      outputIsDirectory: true)
                }
            }
        }
    }

    /// `check` for plain output files.
    public static func check(inputs: [String], outputs: [String],
                             base: String = FileManager.default.currentDirectoryPath) throws(OutputClash) {
        try check(inputs: inputs, outputs: outputs.map { PlannedOutput.file($0) }, base: base)
    }
}

/// An output that is one of the command's inputs: writing it would destroy the input.
public struct OutputClash: Error, Equatable, CustomStringConvertible {
    /// The output as the command would write it.
    public let output: String
    /// The input as the user spelled it.
    public let input: String
    /// The output's resolved path (for a directory output: the input's).
    public let resolved: String
    /// Whether output and input are different names (hard links) of one file.
    public let hardLink: Bool
    /// Whether `output` is a directory the command owns (the input lies inside it).
    public let outputIsDirectory: Bool

    public init(output: String, input: String, resolved: String, hardLink: Bool = false, outputIsDirectory: Bool = false) {
        self.output = output
        self.input = input
        self.resolved = resolved
        self.hardLink = hardLink
        self.outputIsDirectory = outputIsDirectory
    }

    public var description: String {
        if outputIsDirectory {
            return "output \(output) would hold the input \(input) (the command writes and removes files there); choose another output"
        }
        let how = hardLink ? " (hard links to one file)" : output == input ? "" : " (both are \(resolved))"
        return "output \(output) is the input \(input)\(how); writing it would destroy the input: choose another output"
    }
}
