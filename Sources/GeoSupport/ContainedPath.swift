import Foundation

/// Paths resolved the way the kernel will resolve them (absolute, `.`/`..` removed, symbolic links of
/// every existing ancestor followed), so that "is this inside that directory" and "are these the same
/// file" are answered about the real file, not about the spelling.
public enum ContainedPath {
    /// `path` made absolute against `base` (default: the working directory) and resolved. Symbolic links
    /// are followed as far as the path exists; the part that does not exist yet is appended as written
    /// (after removing `.` and `..` lexically).
    public static func resolve(_ path: String, base: String = FileManager.default.currentDirectoryPath) -> String {
        let absolute = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base : base + "/") + path
        var resolved = "/"
        var pending = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var hops = 0
        while !pending.isEmpty {
            let part = pending.removeFirst()
            if part == "." { continue }
            if part == ".." { resolved = parent(of: resolved); continue }
            let candidate = resolved == "/" ? "/" + part : resolved + "/" + part
            if hops < 64, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: candidate) {
                hops += 1
                let parts = target.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
                if target.hasPrefix("/") { resolved = "/" }
                pending = parts + pending
            } else {
                resolved = candidate
            }
        }
        return resolved
    }

    /// Whether `path` resolves to `root` itself or somewhere below it (both resolved).
    public static func isInside(_ path: String, root: String, base: String = FileManager.default.currentDirectoryPath) -> Bool {
        let p = resolve(path, base: base), r = resolve(root, base: base)
        return p == r || isBelow(p, resolvedRoot: r)
    }

    /// Whether the resolved path `path` lies strictly below the resolved directory `root` (a sibling that
    /// merely shares the prefix, `/runx` for `/run`, is not below it).
    public static func isBelow(_ path: String, resolvedRoot root: String) -> Bool {
        path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// `directory/name` for a name taken from untrusted data: `name` must be a valid `PathComponent`.
    public static func child(_ name: String, of directory: String) throws(PathComponentError) -> String {
        let component = try PathComponent(name)
        return (directory.hasSuffix("/") ? directory : directory + "/") + component.name
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path != "/" else { return "/" }
        let p = String(path[..<slash])
        return p.isEmpty ? "/" : p
    }
}
