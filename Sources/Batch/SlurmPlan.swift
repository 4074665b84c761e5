import Foundation
import GeoSupport

/// How a batch or a workflow runs on a SLURM cluster, saved as `RUN/slurm/<name>.plan.json`:
///
/// ```
/// submit ─ export step 0 ─→ [array step 0: task k works RUN/shards/<step0>/k] ─afterany→ [merge step 0] ─afterok→
///          [array step 1 …] ─afterany→ [merge step 1] …
/// ```
/// Each array task opens only its own shard store; each merge job (one process) folds the step's shards
/// into `RUN/batch.sqlite`, releases what they unblock, and exports the next step's shards. So no two
/// processes on different nodes ever open the same SQLite file, and a workflow's references are resolved
/// before the next stage's shards are written.
public struct SlurmPlan: Sendable, Equatable, Codable {
    public let name: String
    public let steps: [SlurmStep]

    public init(name: String, steps: [SlurmStep]) {
        self.name = name
        self.steps = steps
    }

    /// `RUN/slurm`.
    public static func directory(runDirectory: String) -> String {
        (runDirectory as NSString).appendingPathComponent("slurm")
    }

    /// `RUN/slurm/<name>.plan.json`.
    public static func path(runDirectory: String, name: String) -> String {
        (directory(runDirectory: runDirectory) as NSString).appendingPathComponent("\(name).plan.json")
    }

    /// `RUN/shards/<step>`: the step's shard stores `0`, `1`, ….
    public static func shardsDirectory(runDirectory: String, step: String) -> String {
        ((runDirectory as NSString).appendingPathComponent("shards") as NSString).appendingPathComponent(step)
    }

    /// Saves the plan durably.
    public func write(runDirectory: String) throws {
        let path = Self.path(runDirectory: runDirectory, name: name)
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            try FileManager.default.createDirectory(atPath: Self.directory(runDirectory: runDirectory), withIntermediateDirectories: true)
            try DurableFile.write(Array(try e.encode(self)), to: path)
        } catch let error as DurableFileError {
            throw BatchError.slurm("\(path): cannot write the plan: \(error.reason)")
        } catch let error as BatchError {
            throw error
        } catch {
            throw BatchError.slurm("\(path): cannot write the plan: \(error.localizedDescription)")
        }
    }

    /// The plan `name` of `runDirectory`.
    public static func load(runDirectory: String, name: String) throws -> SlurmPlan {
        let path = Self.path(runDirectory: runDirectory, name: name)
        guard let data = FileManager.default.contents(atPath: path) else { throw BatchError.slurm("\(path): no such plan") }
        do { return try JSONDecoder().decode(SlurmPlan.self, from: data) } catch {
            throw BatchError.slurm("\(path): unreadable plan")
        }
    }

    /// Every plan of `runDirectory`.
    public static func all(runDirectory: String) -> [SlurmPlan] {
        let dir = directory(runDirectory: runDirectory)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".plan.json") }.sorted()
        return names.compactMap { try? load(runDirectory: runDirectory, name: String($0.dropLast(".plan.json".count))) }
    }

    /// Folds step `index`'s shards into the run's store and exports the next step's shards (the merge job).
    public func completeStep(_ index: Int, store: JobStore) throws -> MergeReport {
        guard steps.indices.contains(index) else { throw BatchError.slurm("plan \(name) has no step \(index)") }
        let report = try store.mergeShards(in: Self.shardsDirectory(runDirectory: store.runDirectory, step: steps[index].name))
        if index + 1 < steps.count { try export(index + 1, store: store) }
        return report
    }

    /// Writes step `index`'s shard stores from the run's store.
    public func export(_ index: Int, store: JobStore) throws {
        let step = steps[index]
        try store.exportShards(batchIDs: step.batchIDs, tasks: step.tasks,
                               into: Self.shardsDirectory(runDirectory: store.runDirectory, step: step.name))
    }

    /// Progress reported by the tasks of each step (`ShardProgress`), for status before the merge.
    public func progress(runDirectory: String) -> [(step: SlurmStep, reports: [ShardProgress])] {
        steps.map { step in
            let dir = Self.shardsDirectory(runDirectory: runDirectory, step: step.name)
            return (step, (0..<step.tasks).compactMap { k in
                ShardProgress.read(from: ShardProgress.path(shardDirectory: (dir as NSString).appendingPathComponent(String(k))))
            })
        }
    }
}
