import Foundation

/// Submits a `SlurmPlan`: exports the first step's shards, then for each step its array jobs (split so
/// no task index reaches the cluster's `MaxArraySize`; each after the previous step's merge succeeded)
/// and its merge job (after the step's arrays ended, whatever their outcome). Scripts go to `RUN/slurm/`.
public struct SlurmSubmission: Sendable {
    /// The job ids of one submitted step.
    public struct Step: Sendable, Equatable {
        public let name: String
        public let tasks: Int
        public let arrays: [String]
        public let merge: String
    }

    public var plan: SlurmPlan
    public var cluster = SlurmCluster()
    public var cpusPerTask = 1
    public var partition: String?
    public var time: String?
    /// The command an array task runs; `SlurmScript.shardArgument` stands for its shard directory.
    public var taskCommand: [String]
    /// The command of the merge job of step i.
    public var mergeCommand: @Sendable (Int) -> [String]

    public init(plan: SlurmPlan, taskCommand: [String], mergeCommand: @escaping @Sendable (Int) -> [String]) {
        self.plan = plan
        self.taskCommand = taskCommand
        self.mergeCommand = mergeCommand
    }

    /// Submits everything; records each batch's array job ids in the store.
    public func submit(store: JobStore) throws -> [Step] {
        let run = store.runDirectory, slurmDirectory = SlurmPlan.directory(runDirectory: run)
        try plan.write(runDirectory: run)
        try plan.export(0, store: store)
        let cap = max(1, cluster.maxArraySize())   // task indices stay below MaxArraySize
        var submitted: [Step] = [], previousMerge: String?
        for (i, step) in plan.steps.enumerated() {
            let prefix = "\(plan.name)-\(i)-\(step.name)"
            var arrays: [String] = []
            for (c, offset) in stride(from: 0, to: step.tasks, by: cap).enumerated() {
                var script = SlurmScript(jobName: "geotool-\(prefix)", command: taskCommand,
                                         logPattern: "\(slurmDirectory)/\(prefix)-task-\(offset)-%a.log")
                script.array = (min(cap, step.tasks - offset), offset, SlurmPlan.shardsDirectory(runDirectory: run, step: step.name))
                script.cpusPerTask = cpusPerTask
                script.partition = partition
                script.time = time
                let path = "\(slurmDirectory)/\(prefix)-array-\(c).sbatch"
                try script.write(to: path)
                arrays.append(try cluster.submit(path, afterOK: previousMerge.map { [$0] } ?? []))
            }
            var merge = SlurmScript(jobName: "geotool-\(prefix)-merge", command: mergeCommand(i),
                                    logPattern: "\(slurmDirectory)/\(prefix)-merge-%j.log")
            merge.partition = partition
            merge.time = time
            let mergePath = "\(slurmDirectory)/\(prefix)-merge.sbatch"
            try merge.write(to: mergePath)
            let mergeID = try cluster.submit(mergePath, afterAny: arrays)
            for batch in step.batchIDs { try store.setSlurmJobID(arrays.joined(separator: ","), batchID: batch) }
            submitted.append(Step(name: step.name, tasks: step.tasks, arrays: arrays, merge: mergeID))
            previousMerge = mergeID
        }
        return submitted
    }
}
