import Foundation
import GeoSupport
import XCTest

/// The one durable writer, observed through an injected system-call layer: the file is fsynced before the
/// rename and the directory after it; a failure at any step leaves no temporary and the previous file
/// intact; messages name the user's path, never the temporary.
final class DurableFileTests: ScratchDirectoryTestCase {
    private var out: String { "\(dir)/out.txt" }

    private func contents(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

    func testTheFileIsSyncedBeforeTheRenameAndTheDirectoryAfter() throws {
        for byBody in [false, true] {
            let calls = RecordingCalls()
            if byBody {
                try DurableFile.write(to: out, calls: calls.layer) { tmp in try "new".write(toFile: tmp, atomically: false, encoding: .utf8) }
            } else {
                try DurableFile.write(Array("new".utf8), to: out, calls: calls.layer)
            }
            let log = calls.log
            let rename = try XCTUnwrap(log.firstIndex { $0.hasPrefix("rename ") }, "\(log)")
            let temporary = String(log[rename].dropFirst("rename ".count).prefix { $0 != " " })
            XCTAssertTrue(temporary.hasPrefix("\(dir)/.out.txt.tmp-"), temporary)
            XCTAssertEqual(log[rename], "rename \(temporary) \(out)")
            let fsync = try XCTUnwrap(log.firstIndex(of: "fsync \(temporary)"), "\(log)")
            let close = try XCTUnwrap(log.firstIndex(of: "close \(temporary)"), "\(log)")
            let dirSync = try XCTUnwrap(log.firstIndex(of: "syncDirectory \(dir)"), "\(log)")
            XCTAssertLessThan(fsync, close, "\(log)")
            XCTAssertLessThan(close, rename, "\(log)")
            XCTAssertLessThan(rename, dirSync, "\(log)")
            XCTAssertEqual(log.filter { $0.hasPrefix("write ") }.isEmpty, byBody, "\(log)")
            XCTAssertEqual(contents(out), "new")
            XCTAssertEqual(listing, ["out.txt"])
        }
    }

    func testAFailureAtEachStepLeavesNoTemporaryAndThePreviousFile() throws {
        for step in ["open", "write", "fsync", "close", "rename"] {
            for byBody in [false, true] where !(byBody && step == "write") {
                try "previous".write(toFile: out, atomically: false, encoding: .utf8)
                let calls = RecordingCalls(failing: step, with: step == "write" ? ENOSPC : EIO)
                XCTAssertThrowsError(try {
                    if byBody {
                        try DurableFile.write(to: out, calls: calls.layer) { tmp in
                            try "new".write(toFile: tmp, atomically: false, encoding: .utf8)
                            _ = FileManager.default.createFile(atPath: tmp + ".aux.xml", contents: Data("side-car".utf8))
                        }
                    } else {
                        try DurableFile.write(Array("new".utf8), to: out, calls: calls.layer)
                    }
                }(), "\(step) body: \(byBody)") { error in
                    XCTAssertTrue(error is DurableFileError, "\(error)")
                    XCTAssertTrue("\(error)".hasPrefix("\(out): "), "\(error)")
                    XCTAssertFalse("\(error)".contains(".tmp-"), "\(error)")
                    XCTAssertTrue("\(error)".contains(String(cString: strerror(step == "write" ? ENOSPC : EIO))), "\(error)")
                }
                XCTAssertEqual(listing, ["out.txt"], "\(step) body: \(byBody)")
                XCTAssertEqual(contents(out), "previous", "\(step) body: \(byBody)")
            }
        }
    }

    func testAFailedDirectorySyncIsReportedWithTheNewFileInPlace() throws {
        try "previous".write(toFile: out, atomically: false, encoding: .utf8)
        XCTAssertThrowsError(try DurableFile.write(Array("new".utf8), to: out, calls: RecordingCalls(failing: "syncDirectory", with: EIO).layer)) {
            XCTAssertEqual("\($0)", "\(out): cannot sync the directory to disk: \(String(cString: strerror(EIO)))")
        }
        XCTAssertEqual(listing, ["out.txt"])
        XCTAssertEqual(contents(out), "new", "the rename happened; only its durability is in doubt")
        // A file system that cannot sync directories (EINVAL) is not an error.
        try DurableFile.write(Array("newer".utf8), to: out, calls: RecordingCalls(failing: "syncDirectory", with: EINVAL).layer)
        XCTAssertEqual(contents(out), "newer")
    }

    func testBodyErrorsNameTheOutputAndEverythingDerivedIsRemoved() throws {
        try "previous".write(toFile: out, atomically: false, encoding: .utf8)
        struct DiskFull: Error, CustomStringConvertible { let description: String }
        XCTAssertThrowsError(try DurableFile.write(to: out) { tmp -> Void in
            _ = FileManager.default.createFile(atPath: tmp, contents: Data("half".utf8))
            _ = FileManager.default.createFile(atPath: tmp + ".aux.xml", contents: Data("x".utf8))
            _ = FileManager.default.createFile(atPath: tmp + ".cog.ovr.tmp", contents: Data("x".utf8))
            throw DiskFull(description: "\(tmp): disk full")
        }) { XCTAssertEqual("\($0)", "\(out): disk full") }
        XCTAssertEqual(listing, ["out.txt"])
        XCTAssertEqual(contents(out), "previous")
        // An error that does not name the temporary is rethrown as it is.
        XCTAssertThrowsError(try DurableFile.write(to: out) { _ in throw DiskFull(description: "cancelled") }) {
            XCTAssertTrue($0 is DiskFull)
        }
        // A body that writes nothing commits nothing.
        XCTAssertThrowsError(try DurableFile.write(to: out) { _ in }) {
            XCTAssertTrue("\($0)".hasPrefix("\(out): cannot open the finished file to sync it"), "\($0)")
        }
        XCTAssertEqual(listing, ["out.txt"])
    }

    func testUncommittedDroppedOrDiscardedFilesLeaveNothing() throws {
        do {
            let file = try DurableFile(out)
            try file.append(Array("half".utf8))
            XCTAssertEqual(listing.count, 1)
            XCTAssertTrue(listing[0].hasPrefix(".out.txt.tmp-"), "\(listing)")
        }
        XCTAssertEqual(listing, [], "dropped uncommitted")
        let file = try DurableFile(out)
        try file.append(Array("half".utf8))
        _ = FileManager.default.createFile(atPath: file.temporaryPath + ".msk", contents: nil)
        file.discard()
        XCTAssertEqual(listing, [])
        XCTAssertThrowsError(try file.commit())
        XCTAssertThrowsError(try file.append(Array("more".utf8)))
        XCTAssertEqual(listing, [])
    }

    func testRegisteredSideCarsAreRemovedAfterTheCommit() throws {
        try DurableFile.write(to: out, sideCarSuffixes: [".aux.xml"]) { tmp in
            try "new".write(toFile: tmp, atomically: false, encoding: .utf8)
            try "side".write(toFile: tmp + ".aux.xml", atomically: false, encoding: .utf8)
        }
        XCTAssertEqual(listing, ["out.txt"])
    }

    func testAppendedBytesAndFilesMakeTheContent() throws {
        let part = "\(dir)/part"
        try "b".write(toFile: part, atomically: false, encoding: .utf8)
        let file = try DurableFile(out)
        try file.append(Array("a".utf8))
        try file.append(contentsOf: part)
        try file.append(Data("c".utf8))
        try file.commit()
        XCTAssertEqual(contents(out), "abc")
        XCTAssertThrowsError(try DurableFile(out).append(contentsOf: "\(dir)/missing")) {
            XCTAssertEqual("\($0)", "\(dir)/missing: cannot read")
        }
    }

    func testAMissingOrReadOnlyDirectoryIsNamed() throws {
        XCTAssertThrowsError(try DurableFile("\(dir)/no/out.txt")) {
            XCTAssertEqual("\($0)", "\(dir)/no/out.txt: output directory \(dir)/no does not exist")
        }
        guard getuid() != 0 else { return }   // root may write anywhere
        let locked = "\(dir)/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o500])
        defer { chmod(locked, 0o700) }
        XCTAssertThrowsError(try DurableFile("\(locked)/out.txt")) {
            XCTAssertEqual("\($0)", "\(locked)/out.txt: output directory \(locked) is not writable")
        }
    }

    func testStaleTemporariesOfDeadProcessesAreRemoved() throws {
        let me = ProcessInfo.processInfo.processIdentifier
        let names = [".out.txt.tmp-99991-1", ".out.txt.tmp-99991-1.aux.xml", ".out.txt.tmp-99992-2",
                     ".out.txt.tmp-\(me)-3", ".other.txt.tmp-99991-4", "out.txt"]
        for name in names { _ = FileManager.default.createFile(atPath: "\(dir)/\(name)", contents: nil) }
        var calls = DurableFileCalls.system
        calls.processExists = { $0 == 99992 }
        DurableFile.removeStaleTemporaries(of: out, calls: calls)
        XCTAssertEqual(listing, [".other.txt.tmp-99991-4", ".out.txt.tmp-99992-2", ".out.txt.tmp-\(me)-3", "out.txt"].sorted(),
                       "only the dead process's temporaries of this output go")
    }
}

/// The real system calls, recorded (by path: descriptors are mapped back to the file they opened), with
/// one kind of call made to fail with an error number.
private final class RecordingCalls: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String] = []
    private var paths: [Int32: String] = [:]
    private let failing: String?
    private let failure: Int32

    init(failing: String? = nil, with failure: Int32 = EIO) {
        self.failing = failing
        self.failure = failure
    }

    var log: [String] { lock.withLock { entries } }

    /// Records `name target`; true when that call is to fail.
    private func record(_ name: String, _ target: String) -> Bool {
        lock.withLock { entries.append("\(name) \(target)") }
        return name == failing
    }

    private func path(_ fd: Int32) -> String { lock.withLock { paths[fd] ?? "fd\(fd)" } }

    var layer: DurableFileCalls {
        let real = DurableFileCalls.system
        var calls = real
        calls.open = { path, flags, mode in
            if self.record("open", path) { return -self.failure }
            let fd = real.open(path, flags, mode)
            if fd >= 0 { self.lock.withLock { self.paths[fd] = path } }
            return fd
        }
        calls.write = { fd, bytes in self.record("write", self.path(fd)) ? -Int(self.failure) : real.write(fd, bytes) }
        calls.fsync = { fd in self.record("fsync", self.path(fd)) ? -self.failure : real.fsync(fd) }
        calls.close = { fd in
            let fail = self.record("close", self.path(fd))
            let result = real.close(fd)
            return fail ? -self.failure : result
        }
        calls.rename = { from, to in self.record("rename", "\(from) \(to)") ? -self.failure : real.rename(from, to) }
        calls.unlink = { path in _ = self.record("unlink", path); return real.unlink(path) }
        calls.syncDirectory = { path in self.record("syncDirectory", path) ? -self.failure : real.syncDirectory(path) }
        return calls
    }
}
