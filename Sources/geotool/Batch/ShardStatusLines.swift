import Batch

/// Lines on what SLURM array tasks have reported (their `progress.json`) for every plan of a run
/// directory: the progress of work not yet merged into RUN/batch.sqlite.
enum ShardStatusLines {
    static func lines(runDirectory: String) -> [String] {
        SlurmPlan.all(runDirectory: runDirectory).flatMap { plan in
            plan.progress(runDirectory: runDirectory).map { step, reports in
                let completed = reports.reduce(0) { $0 + $1.completed }, failed = reports.reduce(0) { $0 + $1.failed }
                let pending = reports.reduce(0) { $0 + $1.pending }, finished = reports.filter(\.finished).count
                return "slurm \(plan.name) step \(step.name): \(reports.count)/\(step.tasks) tasks reported, \(finished) finished; "
                    + "\(completed) completed, \(failed) failed of \(pending) in their shards (merged into the store by the step's merge job)"
            }
        }
    }
}
