import ArgumentParser
import Batch
import Foundation
import Operations

/// `geotool batch submit SPEC --run-dir RUN [--slurm …]`: expands a spec into jobs in RUN's store.
struct BatchSubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Expand a spec (YAML or JSON) into queued jobs in RUN/batch.sqlite; optionally submit a SLURM array.")

    @Argument(help: "The batch spec (YAML or JSON).")
    var spec: String

    @Option(name: .customLong("run-dir"), help: "Run directory (created if missing; may hold several batches).")
    var runDirectory: String

    @OptionGroup var cluster: SlurmOptions

    func run() throws {
        let text = try BatchSpec.text(ofFile: spec)
        let parsed = try BatchSpec.load(file: spec, text: text)
        let runner = try JobKinds.registry.runner(for: parsed.kind)
        let store = try JobStore(runDirectory: runDirectory, create: true)
        let id = try store.submit(parsed, specText: text, validate: runner.check)
        let count = try store.batch(id).jobCount
        print("batch \(id): \(count) jobs of kind \(parsed.kind) in \(store.runDirectory)")
        guard cluster.slurm else { return }
        try cluster.submit(name: "batch-\(id)", steps: [(name: "batch-\(id)", batchIDs: [id], jobs: count)], store: store)
    }
}
