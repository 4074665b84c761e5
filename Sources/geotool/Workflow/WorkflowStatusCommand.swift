import ArgumentParser
import Batch
import Foundation
import GeoSupport

/// `geotool workflow status RUN [--json]`: a per-stage table of every workflow.
struct WorkflowStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Per-stage progress of each workflow: jobs waiting, queued, running, completed, failed, skipped, cancelled.")

    @OptionGroup var target: RunDirectoryArgument

    @Option(help: "Only this workflow id.")
    var workflow: Int64?

    @Flag(help: "Machine-readable: a JSON array of workflows with their stages.")
    var json = false

    static let columns: [JobStatus] = [.waiting, .queued, .running, .completed, .failed, .skipped, .cancelled]

    func run() throws {
        let store = try target.openStore()
        let workflows = try store.workflows(id: workflow)
        if json {
            print(try BatchCLI.json(workflows))
            return
        }
        for w in workflows {
            print(Self.headline(w))
            var rows = [["stage", "kind", "needs", "jobs"] + Self.columns.map { $0.rawValue.lowercased() }]
            for s in w.stages {
                let needs = s.needs.map { $0.perItem ? "\($0.stage)[i]" : $0.stage }.joined(separator: ",")
                rows.append([s.stage, s.batch.kind, needs.isEmpty ? "-" : needs, "\(s.batch.total)"]
                            + Self.columns.map { "\(s.batch.count($0))" })
            }
            let widths = rows[0].indices.map { i in rows.map { $0[i].count }.max()! }
            for row in rows {
                print("  " + row.enumerated().map { i, cell in
                    i < 3 ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0)
                          : String(repeating: " ", count: widths[i] - cell.count) + cell
                }.joined(separator: "  "))
            }
        }
        ShardStatusLines.lines(runDirectory: store.runDirectory).forEach { print($0) }
    }

    /// `workflow 1 erosion: RUNNING 40% of 25 jobs`.
    static func headline(_ w: WorkflowSummary) -> String {
        let total = w.stages.reduce(0) { $0 + $1.batch.total }
        let finished = w.stages.reduce(0) { sum, s in sum + JobStatus.allCases.filter(\.isFinal).reduce(0) { $0 + s.batch.count($1) } }
        let percent = total == 0 ? 100 : (Double(finished) / Double(total) * 1000).rounded() / 10
        return "workflow \(w.id) \(w.name): \(w.status.rawValue) \(ParameterValue.number(percent))% of \(total) jobs"
    }
}
