import ArgumentParser
import Batch

/// `--slurm` and its settings, shared by `batch submit` and `workflow submit`.
struct SlurmOptions: ParsableArguments {
    @Flag(help: "Run on SLURM: each array task works its own shard store under RUN/shards/, a merge job per step folds them into RUN/batch.sqlite (see docs/BATCH.md).")
    var slurm = false

    @Option(help: "SLURM partition.")
    var partition: String?

    @Option(help: "Array tasks per step (default 4, at most the step's job count); split at the cluster's MaxArraySize.")
    var array: Int?

    @Option(help: "SLURM time limit per task (e.g. 00:30:00).")
    var time: String?

    @Option(name: .customLong("workers-per-task"), help: "Worker threads (and CPUs) per SLURM task.")
    var workersPerTask = 1

    @Option(help: .hidden)
    var sbatch = "sbatch"

    @Option(help: .hidden)
    var scontrol = "scontrol"

    func validate() throws {
        if let array, array < 1 { throw ValidationError("--array must be ≥ 1") }
        if workersPerTask < 1 { throw ValidationError("--workers-per-task must be ≥ 1") }
    }

    /// Submits `steps` (name, batch ids, job count) of `store` as plan `name`; prints one line per step.
    func submit(name: String, steps: [(name: String, batchIDs: [Int64], jobs: Int)], store: JobStore) throws {
        let plan = SlurmPlan(name: name, steps: steps.map {
            SlurmStep(name: $0.name, batchIDs: $0.batchIDs, tasks: max(1, min(array ?? 4, $0.jobs)))
        })
        let geotool = BatchCLI.executablePath, run = store.runDirectory
        var submission = SlurmSubmission(
            plan: plan,
            taskCommand: [geotool, "batch", "run", SlurmScript.shardArgument, "--jobs", String(workersPerTask), "--no-progress",
                          "--report-progress"],
            mergeCommand: { step in [geotool, "batch", "slurm-merge", run, "--plan", name, "--step", String(step)] })
        submission.cluster = SlurmCluster(sbatch: sbatch, scontrol: scontrol)
        submission.cpusPerTask = workersPerTask
        submission.partition = partition
        submission.time = time
        for step in try submission.submit(store: store) {
            print("slurm step \(step.name): \(step.tasks) array tasks in job(s) \(step.arrays.joined(separator: ", ")), merge job \(step.merge)")
        }
    }
}
