import GeoSupport
import ArgumentParser
import Batch

/// `geotool batch pool RUN [--json]`: the worker pool as the store sees it.
struct BatchPoolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pool",
        abstract: "Show live `batch run` processes and worker threads, queue depth and throughput.")

    @OptionGroup var target: RunDirectoryArgument

    @Flag(help: "Machine-readable JSON.")
    var json = false

    func run() throws {
        let store = try target.openStore()
        let s = try store.poolStats()
        if json { print(try BatchCLI.json(s)); return }
        print("""
            processes: \(s.processes)  workers: \(s.workers)
            queue depth: \(s.queued)  running: \(s.running)  completed: \(s.completed)  failed: \(s.failed)
            throughput: \(ParameterValue.number((s.recentThroughput * 100).rounded() / 100)) jobs/s (last 60 s), \
            \(ParameterValue.number((s.overallThroughput * 100).rounded() / 100)) jobs/s (first to last result)
            """)
    }
}
