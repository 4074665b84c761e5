import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way geotool writes an output file: under a hidden temporary name in the destination directory
/// (`TemporaryName`, so the rename stays on one file system), then fsync of the file, rename(2) over the
/// destination, fsync of the directory. After a crash, `kill -9` or a power cut at any moment the
/// destination is either the complete previous file (or absent) or the complete new one.
///
/// Write the content with `append` (bytes, or the content of another file), or let another writer (GDAL,
/// cairo, Foundation) create `temporaryPath` itself and then `commit()`; `write(to:_:)` and
/// `write(_:to:)` do either in one call.
///
/// Cleanup is structural: unless `commit()` succeeds, the temporary and every file derived from it
/// (`TemporaryName.isDerived`: side-cars another library put beside it) are removed — by `discard()`, by
/// a failing `commit()`, or when the object goes away uncommitted. `sideCarSuffixes` name the side-cars
/// a writer may leave beside a temporary that succeeded (GDAL's `.aux.xml`); they are removed after the
/// rename. A writer killed with SIGKILL cannot clean up: `removeStaleTemporaries(of:)` removes what dead
/// processes left. Errors (`DurableFileError`) name the user's path, never the temporary.
///
/// One instance belongs to one thread at a time.
public final class DurableFile {
    /// Where the file will be when committed.
    public let path: String
    /// Where it is written meanwhile: hidden, in the same directory.
    public let temporaryPath: String
    /// Suffixes of side-car files (`temporaryPath + suffix`) to remove after a successful commit.
    public let sideCarSuffixes: [String]
    private let calls: DurableFileCalls
    /// The temporary, open for `append`; -1 until the first append.
    private var descriptor: Int32 = -1
    private var finished = false

    /// Checks that the destination directory exists and is writable; creates nothing yet.
    public init(_ path: String, sideCarSuffixes: [String] = [], calls: DurableFileCalls = .system) throws(DurableFileError) {
        let dir = Self.directory(of: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DurableFileError(path: path, reason: "output directory \(dir) does not exist")
        }
        guard access(dir, W_OK) == 0 else {
            throw DurableFileError(path: path, reason: "output directory \(dir) is not writable")
        }
        self.path = path
        self.temporaryPath = TemporaryName.forOutput(path)
        self.sideCarSuffixes = sideCarSuffixes
        self.calls = calls
    }

    deinit { if !finished { discard() } }

    // MARK: writing

    /// Appends `bytes` to the temporary (created on the first call).
    public func append(_ bytes: some ContiguousBytes) throws(DurableFileError) {
        let fd = try openForAppending()
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = calls.write(fd, UnsafeRawBufferPointer(rebasing: raw[offset...]))
                if n == -Int(EINTR) { continue }
                guard n > 0 else { return n == 0 ? EIO : Int32(-n) }
                offset += n
            }
            return nil
        }
        if let failure { throw fail(DurableFileError(path: path, "cannot write", errno: failure)) }
    }

    /// Appends the whole content of the file `source`, in blocks of 1 MiB.
    public func append(contentsOf source: String) throws(DurableFileError) {
        guard let handle = FileHandle(forReadingAtPath: source) else {
            throw fail(DurableFileError(path: source, reason: "cannot read"))
        }
        defer { try? handle.close() }
        while true {
            let block: Data
            do { block = try handle.read(upToCount: 1 << 20) ?? Data() } catch {
                throw fail(DurableFileError(path: source, reason: "cannot read: \(error.localizedDescription)"))
            }
            if block.isEmpty { return }
            try append(block)
        }
    }

    /// Makes the temporary durable (fsync), moves it over `path` (rename, atomic on one file system) and
    /// makes the rename durable (fsync of the directory). When the file is not complete at `path`, nothing
    /// temporary is left and the previous file at `path` is untouched. A failure of the last step (the
    /// directory's fsync) is reported too, although the new file is then in place.
    public func commit() throws(DurableFileError) {
        guard !finished else {
            throw DurableFileError(path: path, reason: "the file was already committed or discarded")
        }
        let fd = descriptor >= 0 ? descriptor : calls.open(temporaryPath, O_RDONLY | O_CLOEXEC, 0)
        descriptor = -1
        guard fd >= 0 else { throw fail(DurableFileError(path: path, "cannot open the finished file to sync it", errno: -fd)) }
        let synced = calls.fsync(fd)
        let closed = calls.close(fd)
        guard synced == 0 else { throw fail(DurableFileError(path: path, "cannot sync the finished file to disk", errno: -synced)) }
        guard closed == 0 else { throw fail(DurableFileError(path: path, "cannot close the finished file", errno: -closed)) }
        let renamed = calls.rename(temporaryPath, path)
        guard renamed == 0 else {
            throw fail(DurableFileError(path: path, "cannot move the finished file into place", errno: -renamed))
        }
        finished = true
        for suffix in sideCarSuffixes { _ = calls.unlink(temporaryPath + suffix) }
        let dirSynced = calls.syncDirectory(Self.directory(of: path))
        // EINVAL: a file system that cannot sync directories (the rename is as durable as it gets there).
        guard dirSynced == 0 || dirSynced == -EINVAL else {
            throw DurableFileError(path: path, "cannot sync the directory to disk", errno: -dirSynced)
        }
    }

    /// Abandons the file: the temporary and every file derived from it are removed.
    public func discard() {
        finished = true
        if descriptor >= 0 { _ = calls.close(descriptor) }
        descriptor = -1
        _ = calls.unlink(temporaryPath)
        let dir = Self.directory(of: temporaryPath)
        let base = (temporaryPath as NSString).lastPathComponent
        for name in calls.listDirectory(dir) where TemporaryName.isDerived(name, from: base) {
            _ = calls.unlink((dir as NSString).appendingPathComponent(name))
        }
    }

    // MARK: one call

    /// Runs `body` with the temporary path (it creates and fills that file itself), then commits and
    /// returns what `body` returned. On any error everything temporary is removed and the error rethrown,
    /// with a temporary named in its text replaced by `path` (`userFacing`).
    public static func write<R>(to path: String, sideCarSuffixes: [String] = [], calls: DurableFileCalls = .system,
                                _ body: (_ temporaryPath: String) throws -> R) throws -> R {
        let file = try DurableFile(path, sideCarSuffixes: sideCarSuffixes, calls: calls)
        do {
            let result = try body(file.temporaryPath)
            try file.commit()
            return result
        } catch {
            file.discard()
            throw userFacing(error, output: path)
        }
    }

    /// Writes `bytes` as the whole content of `path`.
    public static func write(_ bytes: some ContiguousBytes, to path: String,
                             calls: DurableFileCalls = .system) throws(DurableFileError) {
        let file = try DurableFile(path, calls: calls)
        try file.append(bytes)
        try file.commit()
    }

    /// `error` as the user should see it: when its text names a geotool temporary, a `DurableFileError`
    /// about `output` with the temporary replaced; otherwise `error` itself.
    public static func userFacing(_ error: Error, output: String) -> Error {
        guard !(error is DurableFileError) else { return error }
        let text = "\(error)"
        let mapped = TemporaryName.userFacing(text)
        guard mapped != text else { return error }
        let prefix = output + ": "
        return DurableFileError(path: output, reason: mapped.hasPrefix(prefix) ? String(mapped.dropFirst(prefix.count)) : mapped)
    }

    // MARK: after a crash

    /// Removes the temporaries of the output `path`, and the files derived from them, that processes no
    /// longer running left behind (a writer killed with SIGKILL cannot clean up after itself). The
    /// temporaries of running processes — possibly being written now — are kept.
    public static func removeStaleTemporaries(of path: String, calls: DurableFileCalls = .system) {
        let dir = directory(of: path)
        let prefix = ".\((path as NSString).lastPathComponent).tmp-"
        let me = ProcessInfo.processInfo.processIdentifier
        for name in calls.listDirectory(dir) where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)),
                  pid != me, !calls.processExists(pid) else { continue }
            _ = calls.unlink((dir as NSString).appendingPathComponent(name))
        }
    }

    // MARK: helpers

    /// The directory holding `path` ("." for a bare file name).
    static func directory(of path: String) -> String {
        let dir = (path as NSString).deletingLastPathComponent
        return dir.isEmpty ? "." : dir
    }

    private func openForAppending() throws(DurableFileError) -> Int32 {
        if descriptor >= 0 { return descriptor }
        guard !finished else { throw DurableFileError(path: path, reason: "the file was already committed or discarded") }
        let fd = calls.open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            throw fail(DurableFileError(path: path, "cannot create a file in \(Self.directory(of: path))", errno: -fd))
        }
        descriptor = fd
        return fd
    }

    /// Discards the file and returns `error`, for `throw fail(…)`.
    private func fail(_ error: DurableFileError) -> DurableFileError {
        discard()
        return error
    }
}
