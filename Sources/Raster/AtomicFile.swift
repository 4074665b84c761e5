import Foundation
import GeoSupport

/// A file written under a temporary name in the destination directory (`TemporaryName`: hidden,
/// same file system) and renamed into place only when complete — fsync, rename, fsync of the
/// directory — so readers never see a half-written output and an interrupted run leaves nothing at
/// `path`.
///
/// Cleanup is structural: unless `commit()` succeeds, the temporary and every file derived from it
/// (GDAL side-cars, a COG staging copy, the COG driver's overview temporaries) are removed — by
/// `discard()`, by a failing `commit()`, or when the object goes away uncommitted — so no failure
/// path of any writer leaves a hidden file behind. Every geotool output (rasters, CSV, text) is
/// written through this type.
public final class AtomicFile {
    /// Where the file will be when committed.
    public let path: String
    /// Where it is written meanwhile (same directory, hidden name).
    public let temporaryPath: String
    private var finished = false

    /// Checks that the destination directory exists and is writable.
    public init(_ path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw RasterError(.writeFailed, path: path, "output directory \(dir) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: dir) else {
            throw RasterError(.writeFailed, path: path, "output directory \(dir) is not writable")
        }
        self.path = path
        self.temporaryPath = TemporaryName.forOutput(path)
    }

    deinit { if !finished { removeTemporaries() } }

    /// Makes the temporary file durable and moves it to its final name (atomic on one file system),
    /// then makes the rename durable. On failure everything temporary is removed and nothing
    /// appears at `path`.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        do {
            try Self.sync(temporaryPath, what: "the finished file", output: path)
            guard rename(temporaryPath, path) == 0 else {
                throw RasterError(.writeFailed, path: path,
                                  "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            removeTemporaries()
            throw error
        }
        // Side-cars GDAL may have left beside the temporary (never wanted: outputs are self-contained).
        for suffix in [".aux.xml", ".ovr", ".msk"] { unlink(temporaryPath + suffix) }
        let parent = (path as NSString).deletingLastPathComponent
        try? Self.sync(parent.isEmpty ? "." : parent, what: "the directory", output: path)
    }

    /// Abandons the file: the temporary and everything derived from it are removed.
    public func discard() {
        finished = true
        removeTemporaries()
    }

    /// Runs `body` with the temporary path, then commits; on error discards and rethrows, with any
    /// temporary name in the error replaced by `path` (`userFacing`).
    public static func write<R>(to path: String, _ body: (String) throws -> R) throws -> R {
        let f = try AtomicFile(path)
        do {
            let r = try body(f.temporaryPath)
            try f.commit()
            return r
        } catch {
            f.discard()
            throw userFacing(error)
        }
    }

    /// `error` as the user should see it: when its text names a geotool temporary, a `RasterError`
    /// naming the output instead (`RasterError`s are mapped when they are made); otherwise `error`.
    public static func userFacing(_ error: Error) -> Error {
        guard !(error is RasterError) else { return error }
        let text = "\(error)"
        let mapped = TemporaryName.userFacing(text)
        return mapped == text ? error : RasterError(.writeFailed, path: nil, mapped)
    }

    /// Removes the temporary and every file derived from it (`TemporaryName.isDerived`).
    private func removeTemporaries() {
        let parent = (temporaryPath as NSString).deletingLastPathComponent
        let dir = parent.isEmpty ? "." : parent
        let base = (temporaryPath as NSString).lastPathComponent
        unlink(temporaryPath)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        where TemporaryName.isDerived(name, from: base) {
            try? FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent(name))
        }
    }

    /// fsync(2) of a file or directory; throws naming `output`.
    private static func sync(_ target: String, what: String, output: String) throws {
        let fd = open(target, O_RDONLY)
        guard fd >= 0 else {
            throw RasterError(.writeFailed, path: output, "cannot open \(what) to sync it: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        guard fsync(fd) == 0 else {
            throw RasterError(.writeFailed, path: output, "cannot sync \(what) to disk: \(String(cString: strerror(errno)))")
        }
    }
}
