import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A long-lived child process speaking a line protocol on its stdin/stdout (stderr inherited).
/// Not thread-safe: owned by one worker thread.
final class ChildProcess {
    let pid: pid_t
    private let toChild: Int32
    private let fromChild: Int32
    private var buffer: [UInt8] = []
    private var reaped = false

    /// Why `readLine` returned no line.
    enum ReadFailure: Error {
        case timedOut
        case cancelled
        /// End of output: the child exited or was killed (`status` as from waitpid).
        case exited(String)
    }

    /// Serialises pipe creation and spawning, so no other worker's child inherits our pipe ends in
    /// the window before FD_CLOEXEC is set (`pipe2` is not visible from Swift on Glibc).
    private static let spawnLock = NSLock()

    init(command: [String]) throws {
        guard let exe = command.first else { throw BatchError.childProcess("empty child command") }
        Self.spawnLock.lock()
        defer { Self.spawnLock.unlock() }
        var input: [Int32] = [0, 0], output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else {
            throw BatchError.childProcess("cannot create pipes: \(String(cString: strerror(errno)))")
        }
        for fd in input + output { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        // Swift's crash backtracer can take seconds, which would count against the job's timeout:
        // children skip it unless SWIFT_BACKTRACE is set explicitly.
        var env = ProcessInfo.processInfo.environment
        if env["SWIFT_BACKTRACE"] == nil { env["SWIFT_BACKTRACE"] = "enable=no" }
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, exe, &actions, nil, argv, envp)
        close(input[0]); close(output[1])
        guard rc == 0 else {
            close(input[1]); close(output[0])
            throw BatchError.childProcess("cannot start \(exe): \(String(cString: strerror(rc)))")
        }
        pid = child
        toChild = input[1]
        fromChild = output[0]
    }

    deinit {
        close(toChild); close(fromChild)
        if !reaped { kill(pid, SIGKILL); var s: Int32 = 0; waitpid(pid, &s, 0) }
    }

    /// Sends one line (a newline is appended). False if the child is gone.
    func send(_ line: String) -> Bool {
        var bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(toChild, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno == EINTR { continue }; return false }
            offset += n
        }
        return true
    }

    /// Reads one line, waiting until `deadline` (nil: forever) and polling `isCancelled` every 100 ms.
    func readLine(deadline: Date?, isCancelled: () -> Bool) throws(ReadFailure) -> String {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            if isCancelled() { throw .cancelled }
            var wait: Int32 = 100
            if let deadline {
                let left = deadline.timeIntervalSinceNow
                if left <= 0 { throw .timedOut }
                wait = Int32(min(100, max(1, left * 1000)))
            }
            var fds = pollfd(fd: fromChild, events: Int16(POLLIN), revents: 0)
            let ready = poll(&fds, 1, wait)
            if ready < 0 && errno != EINTR { throw .exited(terminate()) }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fromChild, $0.baseAddress!, $0.count) }
            if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) { throw .exited(reap()) }
            if n > 0 { buffer.append(contentsOf: chunk[..<n]) }
        }
    }

    /// Kills the child (SIGKILL) and reaps it; returns how it ended.
    @discardableResult
    func terminate() -> String {
        if !reaped { kill(pid, SIGKILL) }
        return reap()
    }

    /// Waits for the child to exit; describes how it ended.
    private func reap() -> String {
        guard !reaped else { return "exited" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        reaped = true
        let signal = status & 0x7f
        return signal == 0 ? "exited with status \((status >> 8) & 0xff)" : "killed by signal \(signal)"
    }
}
