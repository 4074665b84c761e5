import ArgumentParser
import Foundation

/// stderr output: progress, warnings and per-item errors. Data goes to stdout or files.
enum Console {
    /// Whether stderr is a terminal (progress lines are for people watching, not for logs).
    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes one line to stderr.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Reports `error` as one line `geotool <command path>: <message>` — the format of every command's
    /// failure (`Geotool.main`) and of the per-item failures of commands that go on with the next item.
    static func failure(_ error: Error, in command: ParsableCommand.Type) {
        Console.error("\(CommandPath.of(command)): \(CLIError.message(error))")
    }

    /// A progress reporter printing "label: 42%" on stderr at most every 1 % (and at 100 %).
    /// Thread-safe, so worker threads may call it.
    final class Progress: @unchecked Sendable {
        private let label: String
        private let lock = NSLock()
        private var lastPercent = -1
        private let enabled: Bool

        init(_ label: String, enabled: Bool = true) {
            self.label = label
            self.enabled = enabled
        }

        func update(_ fraction: Double) {
            guard enabled else { return }
            let p = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
            lock.lock()
            defer { lock.unlock() }
            guard p > lastPercent else { return }
            lastPercent = p
            Console.error("\(label): \(p)%")
        }
    }
}
