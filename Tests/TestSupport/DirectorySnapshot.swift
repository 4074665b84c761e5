import Foundation

extension TestSupport {
    /// Everything under `directory`, hidden files included: relative path → the file's bytes (a
    /// directory as "dir", a symbolic link as "-> target"). Two snapshots are equal when no file was
    /// added, removed or changed — e.g. a failed or refused command left the directory as it was.
    public static func snapshot(_ directory: String) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let fm = FileManager.default
        func walk(_ relative: String) throws {
            let path = relative.isEmpty ? directory : "\(directory)/\(relative)"
            for name in try fm.contentsOfDirectory(atPath: path) {
                let rel = relative.isEmpty ? name : "\(relative)/\(name)"
                let full = "\(directory)/\(rel)"
                if let target = try? fm.destinationOfSymbolicLink(atPath: full) {
                    result[rel] = Data("-> \(target)".utf8)
                    continue
                }
                var isDir: ObjCBool = false
                _ = fm.fileExists(atPath: full, isDirectory: &isDir)
                if isDir.boolValue {
                    result[rel] = Data("dir".utf8)
                    try walk(rel)
                } else {
                    result[rel] = fm.contents(atPath: full) ?? Data()
                }
            }
        }
        try walk("")
        return result
    }
}
