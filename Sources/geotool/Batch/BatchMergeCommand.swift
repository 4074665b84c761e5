import ArgumentParser
import Batch

/// `geotool batch merge RUN OTHER…`: folds results of shard copies of a run directory into RUN.
struct BatchMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Copy completed results (and outputs) from other run directories of the same specs into RUN.",
        discussion: """
            Shards that share RUN/batch.sqlite (one node, or a shared file system with POSIX locks — the \
            default for `submit --slurm`) need no merge. Merge is for shards run on copies of RUN (e.g. node-local \
            disks): jobs are matched by batch spec and index; idempotent.
            """)

    @Argument(help: "Destination run directory.")
    var runDirectory: String

    @Argument(help: "Run directories to merge from.")
    var sources: [String]

    func run() throws {
        let store = try JobStore(runDirectory: runDirectory)
        for source in sources {
            let other = try JobStore(runDirectory: source)
            let r = try store.merge(from: other)
            print("\(source): merged \(r.merged) results, \(r.alreadyDone) already done")
        }
    }
}
