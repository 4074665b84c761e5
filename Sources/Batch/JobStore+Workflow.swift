import Foundation
import GeoSupport
import GRDB

extension JobStore {
    /// Stores `workflow` (checked against `registry`: kinds, references, each job's parameters) as one
    /// batch per stage in one transaction: stages without needs start QUEUED, the others WAITING. A crash
    /// mid-submit leaves nothing. Returns the workflow id.
    @discardableResult
    public func submit(_ workflow: WorkflowSpec, text: String, registry: JobRegistry, limit: Int? = nil) throws -> Int64 {
        try workflow.check(registry: registry)
        var counts: [String: Int] = [:]
        for stage in workflow.stages {
            counts[stage.name] = try workflow.jobCount(of: stage)
            if let limit { _ = try stage.batch.jobCount(limit: limit) }
        }
        let validators = try Dictionary(uniqueKeysWithValues: workflow.stages.map {
            ($0.name, try workflow.validator(for: $0, registry: registry))
        })
        return try transaction { db in
            try db.execute(sql: "INSERT INTO workflows (name, spec, created_at) VALUES (?, ?, ?)",
                           arguments: [workflow.name, text, Self.now])
            let workflowID = db.lastInsertedRowID
            var batchIDs: [String: Int64] = [:]
            for stage in workflow.stages {
                let id: Int64
                do {
                    id = try insertBatch(db, stage.batch, specText: "stage \(stage.name) of workflow \(workflow.name):\n\(text)",
                                         jobCount: counts[stage.name]!, limit: limit,
                                         copies: counts[stage.name]! / (try stage.batch.jobCount()),
                                         status: stage.needs.isEmpty ? .queued : .waiting, validate: validators[stage.name]!)
                } catch BatchError.invalidSpec(let path, let message) {
                    throw BatchError.invalidSpec(path: "stages.\(stage.name).\(path)", message: message)
                }
                batchIDs[stage.name] = id
                try db.execute(sql: "UPDATE batches SET workflow_id = ?, stage = ? WHERE id = ?",
                               arguments: [workflowID, stage.name, id])
                for need in stage.needs {
                    try db.execute(sql: "INSERT INTO stage_needs (batch_id, needs_batch_id, per_item) VALUES (?, ?, ?)",
                                   arguments: [id, batchIDs[need.stage]!, need.perItem])
                }
            }
            return workflowID
        }
    }

    /// Settles every WAITING job whose needs are settled (see `StageRelease`); returns the number changed.
    /// Cheap when nothing waits (one read).
    @discardableResult
    public func releaseWaiting() throws -> Int {
        let waiting = try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM jobs WHERE status = 'WAITING')") ?? false
        }
        guard waiting else { return 0 }
        return try transaction { db in
            var release = StageRelease(db, now: Self.now)
            return try release.all()
        }
    }

    /// Every workflow (or one) with its stages' progress, stages in dependency order.
    public func workflows(id: Int64? = nil) throws -> [WorkflowSummary] {
        let batches = Dictionary(uniqueKeysWithValues: try summaries().map { ($0.id, $0) })
        return try read { db in
            let filter = id.map { " WHERE id = \($0)" } ?? ""
            var needs: [Int64: [StageNeed]] = [:]
            for r in try Row.fetchAll(db, sql: """
                SELECT n.batch_id, n.per_item, b.stage FROM stage_needs n JOIN batches b ON b.id = n.needs_batch_id ORDER BY b.id
                """) {
                needs[r["batch_id"], default: []].append(StageNeed(stage: r["stage"] ?? "?", perItem: r["per_item"]))
            }
            return try Row.fetchAll(db, sql: "SELECT id, name FROM workflows\(filter) ORDER BY id").map { w in
                let workflowID: Int64 = w["id"]
                let stages = try Row.fetchAll(db, sql: "SELECT id, stage FROM batches WHERE workflow_id = ? ORDER BY id",
                                              arguments: [workflowID]).compactMap { b -> StageSummary? in
                    let batchID: Int64 = b["id"]
                    guard let batch = batches[batchID] else { return nil }
                    return StageSummary(stage: b["stage"] ?? batch.name, batch: batch, needs: needs[batchID] ?? [])
                }
                return WorkflowSummary(id: workflowID, name: w["name"], stages: stages)
            }
        }
    }

    /// The batch ids of a workflow's stages.
    func batchIDs(workflow: Int64) throws -> [Int64] {
        try read { db in try Int64.fetchAll(db, sql: "SELECT id FROM batches WHERE workflow_id = ? ORDER BY id", arguments: [workflow]) }
    }

    /// Cancels a workflow's unfinished jobs (waiting ones included). Returns the number cancelled.
    @discardableResult
    public func cancel(workflow: Int64) throws -> Int {
        try batchIDs(workflow: workflow).reduce(0) { $0 + (try cancel(batchID: $1)) }
    }

    /// Requeues a workflow's FAILED jobs (with `failed`) and CANCELLED ones (with `cancelled`) with a fresh attempt budget;
    /// the jobs skipped because of them wait again (see `retry(failed:cancelled:jobID:batchID:)`).
    /// Returns the number requeued.
    @discardableResult
    public func retry(workflow: Int64, failed: Bool = true, cancelled: Bool = false) throws -> Int {
        let ids = try batchIDs(workflow: workflow)
        guard !ids.isEmpty else { throw BatchError.store(path: path, message: "no workflow \(workflow)") }
        let requeued = try ids.reduce(0) { $0 + (try retry(failed: failed, cancelled: cancelled, batchID: $1)) }
        try releaseWaiting()
        return requeued
    }
}
