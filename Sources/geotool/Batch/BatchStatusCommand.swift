import GeoSupport
import ArgumentParser
import Batch
import Foundation

/// `geotool batch status RUN [--json] [--watch] [--list-jobs]`: each batch's derived status and progress.
struct BatchStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show each batch's status (COMPLETED, PARTIALLY_FAILED, FAILED, CANCELLED, RUNNING), progress and counts.")

    @OptionGroup var target: RunDirectoryArgument

    @Flag(help: "Machine-readable: a JSON array of batch summaries.")
    var json = false

    @Flag(help: "Refresh every --interval seconds until no batch is RUNNING.")
    var watch = false

    @Option(help: "Seconds between refreshes with --watch.")
    var interval = 1.0

    @Flag(name: .customLong("list-jobs"), help: "Also list jobs (id, status, attempts, worker, error).")
    var listJobs = false

    /// `--jobs`, the old name of `--list-jobs` (hidden; kept for one release).
    @Flag(name: .customLong("jobs"), help: .hidden)
    var jobs = false

    @Option(help: "With --list-jobs: only jobs in this status (e.g. FAILED).")
    var status: String?

    func run() throws {
        let store = try target.openStore()
        while true {
            let summaries = try store.summaries()
            print(json ? try BatchCLI.json(summaries) : summaries.map(Self.text).joined(separator: "\n"))
            if !json { ShardStatusLines.lines(runDirectory: store.runDirectory).forEach { print($0) } }
            if listJobs || jobs { try printJobs(store) }
            guard watch, summaries.contains(where: { $0.status == .running }) else { return }
            Thread.sleep(forTimeInterval: max(0.1, interval))
        }
    }

    private func printJobs(_ store: JobStore) throws {
        let filter = try status.map { s -> JobStatus in
            guard let v = JobStatus(rawValue: s.uppercased()) else {
                throw BatchError.invalidArgument("--status \(s): expected one of \(JobStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        for j in try store.jobs(status: filter) {
            let params = j.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            print("job \(j.id)\tbatch \(j.batchID)\t\(j.status.rawValue)\tattempts \(j.attempts)\t\(j.worker ?? "-")\t\(params)\(j.error.map { "\t\($0)" } ?? "")")
        }
    }

    static func text(_ s: BatchSummary) -> String {
        let parts = JobStatus.allCases.compactMap { st in s.count(st) > 0 ? "\(s.count(st)) \(st.rawValue.lowercased())" : nil }
        return "batch \(s.id) \(s.name) (\(s.kind)): \(s.status.rawValue) \(ParameterValue.number(s.percent))% of \(s.total) jobs — "
            + parts.joined(separator: ", ") + (s.slurmJobID.map { " [slurm job \($0)]" } ?? "")
    }
}
