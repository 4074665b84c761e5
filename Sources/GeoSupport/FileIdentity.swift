import Foundation

/// Which file a path names, as the kernel sees it: the resolved path (`ContainedPath.resolve`: absolute,
/// `.`/`..` removed, symbolic links followed) and, when the file exists, its device and inode — so two
/// spellings of one file (a symbolic link, `./a/../a`, a hard link) compare equal.
public struct FileIdentity: Hashable, Sendable {
    /// The resolved path.
    public let resolvedPath: String
    /// Device and inode of the existing file, nil when nothing exists at the path.
    public let deviceAndInode: DeviceAndInode?

    /// A file's device and inode numbers (`stat(2)`).
    public struct DeviceAndInode: Hashable, Sendable {
        public let device: UInt64
        public let inode: UInt64
    }

    /// The identity of `path` (relative paths against `base`, default: the working directory).
    public init(_ path: String, base: String = FileManager.default.currentDirectoryPath) {
        resolvedPath = ContainedPath.resolve(path, base: base)
        var info = stat()
        deviceAndInode = stat(resolvedPath, &info) == 0
            ? DeviceAndInode(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)) : nil
    }

    /// Whether both name the same file: same device and inode when both exist, else the same resolved path.
    public func isSameFile(as other: FileIdentity) -> Bool {
        if let a = deviceAndInode, let b = other.deviceAndInode { return a == b }
        return resolvedPath == other.resolvedPath
    }

    /// Whether the file is inside the directory `directory` names (at any depth), by resolved path.
    public func isInside(_ directory: FileIdentity) -> Bool {
        ContainedPath.isBelow(resolvedPath, resolvedRoot: directory.resolvedPath)
    }
}
