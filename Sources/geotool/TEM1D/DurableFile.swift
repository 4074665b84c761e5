import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file written under a temporary name, fsync'd, then renamed into place (and the directory fsync'd), so that
/// after a crash or `kill -9` at any moment the destination either does not exist or is complete.
/// The temporary is removed if the writer is dropped uncommitted.
final class DurableFile {
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private var committed = false

    /// Opens `temporaryPath` (default `path.tmp`; keep it in the destination's file system) for writing.
    init(path: String, temporaryPath: String? = nil) throws {
        self.path = path
        self.temporaryPath = temporaryPath ?? path + ".tmp"
        fd = open(self.temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw DurableFile.failure(self.temporaryPath, "cannot create") }
    }

    deinit {
        if !committed {
            close(fd)
            unlink(temporaryPath)
        }
    }

    /// Writes `bytes` to `path` in one go.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try DurableFile(path: path)
        try file.append(bytes)
        try file.commit()
    }

    /// Appends bytes.
    func append(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw DurableFile.failure(temporaryPath, "write failed") }
                offset += n
            }
        }
    }

    /// Appends the whole content of another file, in blocks.
    func append(contentsOf source: String) throws {
        guard let handle = FileHandle(forReadingAtPath: source) else { throw DurableFile.failure(source, "cannot read") }
        defer { try? handle.close() }
        while let block = try handle.read(upToCount: 1 << 20), !block.isEmpty {
            try append([UInt8](block))
        }
    }

    /// Flushes to disk and renames into place.
    func commit() throws {
        guard fsync(fd) == 0 else { throw DurableFile.failure(temporaryPath, "fsync failed") }
        close(fd)
        committed = true
        guard rename(temporaryPath, path) == 0 else {
            let failure = DurableFile.failure(path, "cannot move the finished file into place")
            unlink(temporaryPath)
            throw failure
        }
        DurableFile.syncDirectory(of: path)
    }

    /// fsync of the directory holding `path`, so a rename in it survives a crash.
    static func syncDirectory(of path: String) {
        let dir = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
        guard dir >= 0 else { return }
        fsync(dir)
        close(dir)
    }

    private static func failure(_ path: String, _ what: String) -> CLIError {
        CLIError("\(path): \(what): \(String(cString: strerror(errno)))")
    }
}
