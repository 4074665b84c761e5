import Batch
import Foundation
import GeoSupport

/// Where file parameters may point. A string parameter (in `inputs` or any `parameters` value,
/// list or grid item) is a file parameter when the job kind's schema declares it one (an input file,
/// or a number-or-file); a parameter the schema does not know (which the schema then rejects anyway)
/// when its name says so (`dem`, `raster`, `file`, `path`, `input`, `output`, or ending in `_path`,
/// `_file`, `_dir`) or its value looks like a path (contains `/`, or is `..`). Such a value, resolved against the server's working directory with
/// `..` and symbolic links resolved, must lie inside the run directory or one of the data roots
/// (`--data-root`, default the working directory); anything else — `../../etc/passwd`, an absolute
/// path elsewhere, a symlink out — is rejected with a 400 naming the field.
public struct FileParameterPolicy: Sendable {
    /// Allowed roots, absolute with symbolic links resolved.
    public let roots: [String]
    /// The directory relative paths resolve against (the server's working directory).
    public let baseDirectory: String

    static let fileNames: Set<String> = ["dem", "raster", "file", "path", "input", "output"]
    static let fileSuffixes = ["_path", "_file", "_dir"]

    public init(runDirectory: String, dataRoots: [String],
                baseDirectory: String = FileManager.default.currentDirectoryPath) {
        self.baseDirectory = Self.canonical(baseDirectory, base: "/")
        roots = ([runDirectory] + dataRoots).map { Self.canonical($0, base: FileManager.default.currentDirectoryPath) }
    }

    /// Whether `name: value` is a file parameter.
    public static func isFileParameter(name: String, value: String) -> Bool {
        fileNames.contains(name) || fileSuffixes.contains { name.hasSuffix($0) } || value.contains("/") || value == ".."
    }

    /// Whether `path` (relative to the base directory) resolves inside an allowed root.
    public func allows(_ path: String) -> Bool {
        let resolved = Self.canonical(path, base: baseDirectory)
        return roots.contains { root in resolved == root || ContainedPath.isBelow(resolved, resolvedRoot: root) }
    }

    /// Checks every file parameter of `spec` (file parameters as `schema` declares them, and as the
    /// names and values suggest); throws `BatchError.invalidSpec` naming the first bad one.
    public func check(_ spec: BatchSpec, schema: ParameterSchema = ParameterSchema([])) throws {
        for name in spec.inputs.keys.sorted() {
            try check(name: name, value: spec.inputs[name]!, field: "inputs.\(name)", schema: schema)
        }
        for name in spec.parameters.keys.sorted() {
            let field = "parameters.\(name)"
            switch spec.parameters[name]! {
            case .value(let v): try check(name: name, value: v, field: field, schema: schema)
            case .list(let vs):
                for (i, v) in vs.enumerated() { try check(name: name, value: v, field: "\(field).list[\(i)]", schema: schema) }
            case .grid(let vs):
                for (i, v) in vs.enumerated() { try check(name: name, value: v, field: "\(field).grid[\(i)]", schema: schema) }
            case .sweep, .monteCarlo: continue
            }
        }
    }

    private func check(name: String, value: ParameterValue, field: String, schema: ParameterSchema) throws {
        guard case .string(let s) = value else { return }
        if let declaration = schema.declaration(for: name) {
            guard declaration.readsFiles else { return }
            if case .numberOrInputFile = declaration.type, Double(s) != nil { return }
        } else {
            guard Self.isFileParameter(name: name, value: s) else { return }
        }
        guard !s.isEmpty, !s.contains("\0") else { throw BatchError.invalidSpec(path: field, message: "is not a valid path") }
        guard allows(s) else {
            throw BatchError.invalidSpec(path: field,
                                         message: "'\(s)' is outside the allowed roots (the run directory and the data roots)")
        }
    }

    /// `path` made absolute against `base`, with `.`/`..` removed and symbolic links resolved.
    static func canonical(_ path: String, base: String) -> String {
        ContainedPath.resolve(path, base: base)
    }
}
