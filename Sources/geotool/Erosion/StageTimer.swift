import Foundation

/// Wall-clock timings of named stages, reported on stderr (benchmarks parse the line).
final class StageTimer: @unchecked Sendable {
    private let lock = NSLock()
    private var marks: [(String, Double)] = []
    private var current: (String, Double)?

    /// Starts `stage`, ending the previous one.
    func start(_ stage: String) {
        let now = ProcessInfo.processInfo.systemUptime
        lock.lock(); defer { lock.unlock() }
        if let (name, t0) = current { marks.append((name, now - t0)) }
        current = (stage, now)
    }

    /// Ends the current stage.
    func stop() {
        let now = ProcessInfo.processInfo.systemUptime
        lock.lock(); defer { lock.unlock() }
        if let (name, t0) = current { marks.append((name, now - t0)) }
        current = nil
    }

    /// "name 1.234 s, name 0.100 s".
    var summary: String {
        lock.lock(); defer { lock.unlock() }
        return marks.map { "\($0.0) \(String(format: "%.3f", $0.1)) s" }.joined(separator: ", ")
    }
}

/// A terrain-derivation progress callback: stages timed on `timer` (if any), fractions shown as `label`'s
/// progress on stderr.
func terrainProgress(_ label: String, timer: StageTimer? = nil) -> @Sendable (String, Double) -> Void {
    let progress = Console.Progress(label)
    return { stage, f in
        if stage == "done" { timer?.stop() } else { timer?.start(stage) }
        progress.update(f)
    }
}
