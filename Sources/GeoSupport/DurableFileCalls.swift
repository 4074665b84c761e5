import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls `DurableFile` and `ChunkStore` make, as values: `.system` is the real thing, and a
/// test can wrap it to record the order of the calls (the file is fsynced before the rename, the
/// directory after it) or make one of them fail.
///
/// Convention: a negative result is `-errno`; otherwise `open` returns a descriptor, `write` the
/// number of bytes written, and the other calls 0.
public struct DurableFileCalls: Sendable {
    /// open(2) of `path`.
    public var open: @Sendable (_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32
    /// write(2) of (a prefix of) `bytes` to `fd`.
    public var write: @Sendable (_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int
    /// fsync(2) of an open file.
    public var fsync: @Sendable (_ fd: Int32) -> Int32
    /// close(2).
    public var close: @Sendable (_ fd: Int32) -> Int32
    /// rename(2): atomically replaces `to` by `from` (same file system).
    public var rename: @Sendable (_ from: String, _ to: String) -> Int32
    /// unlink(2).
    public var unlink: @Sendable (_ path: String) -> Int32
    /// fsync(2) of the directory `path` (opened read-only), so a rename in it survives a power cut.
    public var syncDirectory: @Sendable (_ path: String) -> Int32
    /// The names in directory `path` (empty when it cannot be read).
    public var listDirectory: @Sendable (_ path: String) -> [String]
    /// Whether process `pid` is running (its temporaries may still be in use).
    public var processExists: @Sendable (_ pid: Int32) -> Bool

    public init(open: @escaping @Sendable (String, Int32, mode_t) -> Int32,
                write: @escaping @Sendable (Int32, UnsafeRawBufferPointer) -> Int,
                fsync: @escaping @Sendable (Int32) -> Int32,
                close: @escaping @Sendable (Int32) -> Int32,
                rename: @escaping @Sendable (String, String) -> Int32,
                unlink: @escaping @Sendable (String) -> Int32,
                syncDirectory: @escaping @Sendable (String) -> Int32,
                listDirectory: @escaping @Sendable (String) -> [String],
                processExists: @escaping @Sendable (Int32) -> Bool) {
        self.open = open
        self.write = write
        self.fsync = fsync
        self.close = close
        self.rename = rename
        self.unlink = unlink
        self.syncDirectory = syncDirectory
        self.listDirectory = listDirectory
        self.processExists = processExists
    }

    /// The operating system's calls.
    public static let system = DurableFileCalls(
        open: { path, flags, mode in systemOpen(path, flags, mode) },
        write: { fd, bytes in systemWrite(fd, bytes) },
        fsync: { fd in systemResult(systemFsync(fd)) },
        close: { fd in systemResult(systemClose(fd)) },
        rename: { from, to in systemResult(systemRename(from, to)) },
        unlink: { path in systemResult(systemUnlink(path)) },
        syncDirectory: { path in
            let fd = systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
            guard fd >= 0 else { return fd }
            defer { _ = systemClose(fd) }
            return systemResult(systemFsync(fd))
        },
        listDirectory: { path in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] },
        processExists: { pid in kill(pid, 0) == 0 || errno == EPERM })
}

// The C library's calls under names the closures' labels cannot shadow.

private func systemResult(_ result: Int32) -> Int32 { result < 0 ? -errno : result }
private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { systemResult(open(path, flags, mode)) }
private func systemFsync(_ fd: Int32) -> Int32 { fsync(fd) }
private func systemClose(_ fd: Int32) -> Int32 { close(fd) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func systemUnlink(_ path: String) -> Int32 { unlink(path) }
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
    let n = write(fd, base, bytes.count)
    return n < 0 ? -Int(errno) : n
}
