import ArgumentParser
import Batch
import Foundation
import Operations

/// `geotool batch run RUN [--jobs N] [--shard K/N]`: works the queue until it is empty. Resumable:
/// after a crash or `kill -9`, running it again requeues the dead run's jobs and finishes the batch.
/// Exit status: 0 when every job this run finished completed (or was cancelled), 2 when any ended
/// FAILED (retries exhausted), 1 when the run itself could not proceed (arguments, store).
struct BatchRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run RUN's queued jobs on N worker threads until none is left (resumes after a crash).",
        discussion: "Exit status: 0 all jobs of this run completed (or were cancelled); 2 some jobs FAILED; 1 the run could not proceed.")

    /// The exit status when a job of this run ended FAILED.
    static let someJobsFailed = ExitCode(2)

    @OptionGroup var target: RunDirectoryArgument

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    @Option(help: "Run only slice K of N (jobs whose index % N == K), e.g. 0/4.")
    var shard: String?

    @Option(help: "Override the batches' isolation: process (child per worker; hard timeouts) or thread.")
    var isolation: String?

    @Option(help: "Lease seconds (a dead worker's jobs on another host are requeued after this).")
    var lease = 30.0

    @Flag(name: .customLong("no-progress"), help: "No progress bar on stderr.")
    var noProgress = false

    @Flag(name: .customLong("report-progress"), help: .hidden)   // a SLURM array task: RUN/progress.json for status
    var reportProgress = false

    func run() throws {
        let store = try target.openStore()
        var config = BatchWorkerPool.Configuration()
        if let n = workers.requested { config.workers = n }
        config.shard = try shard.map(Shard.init(parsing:))
        config.lease = lease
        config.childCommand = BatchCLI.childCommand
        if let isolation {
            guard let i = BatchSpec.Isolation(rawValue: isolation) else {
                throw BatchError.invalidArgument("--isolation \(isolation): expected process or thread")
            }
            config.isolation = i
        }
        let bar: BatchProgressBar? = noProgress ? nil : BatchProgressBar()
        let report: ShardProgressReporter? = reportProgress ? ShardProgressReporter(shardDirectory: store.runDirectory) : nil
        var onProgress: (@Sendable (BatchWorkerPool.Progress) -> Void)?
        if bar != nil || report != nil { onProgress = { p in bar?.update(p); report?.update(p, finished: false) } }
        let pool = BatchWorkerPool(store: store, registry: JobKinds.registry, configuration: config,
                                   onProgress: onProgress)
        let p = try pool.run()
        bar?.finish(p)
        report?.update(p, finished: true)
        Console.error(Self.summary(p, workers: config.workers))
        if p.failed > 0 { throw Self.someJobsFailed }
    }

    static func summary(_ p: BatchWorkerPool.Progress, workers: Int) -> String {
        let rate = String(format: "%.2f s (%.1f jobs/s", p.elapsed, p.throughput)
        let requeued = p.requeuedAtStart > 0 ? ", \(p.requeuedAtStart) requeued from a dead run" : ""
        let first = p.firstCompletion.map { String(format: "; first result %.3f s after process start", $0 + processStartedAgo - p.elapsed) } ?? ""
        return "batch run: \(p.completed) completed, \(p.failed) failed, \(p.retried) retried, \(p.discarded) discarded in "
            + rate + ", \(workers) workers\(requeued))\(first)"
    }

    /// Seconds since this process started (from /proc/self/stat and /proc/uptime; 0 if unreadable).
    static var processStartedAgo: Double {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let close = stat.lastIndex(of: ")"),
              let ticks = Double(stat[stat.index(after: close)...].split(separator: " ")[19]),
              let up = Double(uptime.split(separator: " ")[0]) else { return 0 }
        return max(0, up - ticks / Double(sysconf(Int32(_SC_CLK_TCK))))
    }
}
