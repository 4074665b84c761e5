import ArgumentParser
import Batch

/// `geotool batch slurm-merge RUN --plan NAME --step I` (hidden): the merge job of a SLURM step. Folds the
/// step's shard stores into RUN/batch.sqlite, releases what they unblock and exports the next step's shards.
struct BatchSlurmMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slurm-merge",
        abstract: "Merge a SLURM step's shard stores into RUN and prepare the next step (run by the step's merge job).",
        shouldDisplay: false)

    @OptionGroup var target: RunDirectoryArgument

    @Option(help: "The plan name (RUN/slurm/NAME.plan.json).")
    var plan: String

    @Option(help: "The step index.")
    var step: Int

    func run() throws {
        let store = try target.openStore()
        let plan = try SlurmPlan.load(runDirectory: store.runDirectory, name: plan)
        let r = try plan.completeStep(step, store: store)
        print("step \(step) (\(plan.steps[step].name)): merged \(r.merged) results, \(r.alreadyDone) already done")
    }
}
