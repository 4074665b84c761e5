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

    @Flag(help: "Also write RUN/slurm/batch-array.sbatch (task k runs `batch run RUN --shard k/N`) and submit it with sbatch.")
    var slurm = false

    @Option(help: "SLURM partition.")
    var partition: String?

    @Option(help: "SLURM array size N (default 4, at most the job count).")
    var array: Int?

    @Option(help: "SLURM time limit per task (e.g. 00:30:00).")
    var time: String?

    @Option(name: .customLong("workers-per-task"), help: "Worker threads (and CPUs) per SLURM task.")
    var workersPerTask = 1

    @Option(help: .hidden)
    var sbatch = "sbatch"

    func run() throws {
        let text = try BatchSpec.text(ofFile: spec)
        let parsed = try BatchSpec.load(file: spec, text: text)
        let runner = try JobKinds.registry.runner(for: parsed.kind)
        let store = try JobStore(runDirectory: runDirectory, create: true)
        let id = try store.submit(parsed, specText: text, validate: runner.check)
        let count = try store.batch(id).jobCount
        print("batch \(id): \(count) jobs of kind \(parsed.kind) in \(store.runDirectory)")
        guard slurm else { return }
        var script = SlurmArrayScript(geotool: BatchCLI.executablePath, runDirectory: store.runDirectory,
                                      tasks: max(1, min(array ?? 4, count)))
        script.partition = partition
        script.time = time
        script.workersPerTask = max(1, workersPerTask)
        try script.write()
        let job = try script.submit(sbatch: sbatch)
        try store.setSlurmJobID(job, batchID: id)
        print("slurm job \(job): \(script.tasks) array tasks, script \(script.scriptPath)")
    }
}
