import Foundation

/// A file written under a temporary name in the destination directory and renamed into place
/// only when complete, so readers never see a half-written output and an interrupted run leaves
/// nothing at `path` (re-runs can treat "exists" as "complete").
public struct AtomicFile: Sendable {
    /// Where the file will be when committed.
    public let path: String
    /// Where it is written meanwhile (same directory, hidden name).
    public let temporaryPath: String

    /// Checks that the destination directory exists and is writable.
    public init(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw RasterError(.writeFailed, path: path, "output directory \(dir) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw RasterError(.writeFailed, path: path, "output directory \(dir) is not writable")
        }
        self.path = path
        let unique = "\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))"
        self.temporaryPath = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(unique)").path
    }

    /// Moves the temporary file to its final name (atomic on one file system).
    public func commit() throws {
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw RasterError(.writeFailed, path: path, "cannot move the finished file into place: \(reason)")
        }
    }

    /// Removes the temporary file (and GDAL side-cars) if present.
    public func discard() {
        for p in [temporaryPath, temporaryPath + ".aux.xml", temporaryPath + ".ovr"] {
            unlink(p)
        }
    }

    /// Runs `body` with the temporary path, then commits; on error discards and rethrows.
    public static func write<R>(to path: String, _ body: (String) throws -> R) throws -> R {
        let f = try AtomicFile(path)
        do {
            let r = try body(f.temporaryPath)
            try f.commit()
            return r
        } catch {
            f.discard()
            throw error
        }
    }
}
