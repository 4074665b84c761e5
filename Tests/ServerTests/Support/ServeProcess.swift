import Foundation
import TestSupport
import XCTest

/// The built `geotool serve` running as a child process on 127.0.0.1 and a free port (read from its
/// "listening on" line on stderr).
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    private let lock = NSLock()
    private var stderrText = ""

    /// Starts `geotool serve --run-dir RUN --port 0 …extra` and waits (≤ 60 s) until it listens.
    init(runDirectory: String, extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: TestSupport.geotoolBinary)
        process.arguments = ["serve", "--run-dir", runDirectory, "--port", "0"] + extra
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.withLock { self.stderrText += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        while Date() < deadline, process.isRunning {
            if let port = listeningPort() {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw StartFailure(stderr: stderr)
    }

    /// The server exited or did not listen within 60 s.
    struct StartFailure: Error, CustomStringConvertible {
        let stderr: String
        var description: String { "geotool serve did not start: \(stderr)" }
    }

    /// Everything it wrote on stderr so far.
    var stderr: String { lock.withLock { stderrText } }

    private func listeningPort() -> Int? {
        guard let range = stderr.range(of: "listening on http://127.0.0.1:") else { return nil }
        return Int(stderr[range.upperBound...].prefix { $0.isNumber })
    }

    var client: APIClient { APIClient(base: "http://127.0.0.1:\(port)", token: nil) }

    /// Sends `signal` and waits (≤ `timeout` s) for the exit; returns the termination status, or nil
    /// if it still runs (then it is killed).
    @discardableResult
    func stop(_ signal: Int32, timeout: Double = 30) -> Int32? {
        kill(process.processIdentifier, signal)
        let deadline = Date(timeIntervalSinceNow: timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }
}
