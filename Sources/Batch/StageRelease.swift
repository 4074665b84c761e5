import Foundation
import GeoSupport
import GRDB

/// Moves a workflow's WAITING jobs on, inside a store transaction: to QUEUED when every job they need
/// COMPLETED (their upstream references resolved into their parameters), to SKIPPED when a job they need
/// ended without completing (FAILED, CANCELLED or SKIPPED: the error names it), or to FAILED when a
/// reference cannot be resolved (an upstream job that did not produce the named output or result).
/// Everything it decides follows from stored state, so running it again changes nothing: the store
/// calls it where a job settles (completion and failure, in the same transaction) and a worker pool
/// calls it when idle (after `workflow retry`, a cancel, or a crash between two processes).
struct StageRelease {
    let db: Database
    let now: Double
    /// Results of upstream stages by batch and job index, read once per release.
    private var results: [Int64: [Int: Upstream]] = [:]

    /// What a completed upstream job offers a reference: its result and its parameters (with its stage's inputs).
    private struct Upstream {
        let result: JobResult
        let parameters: JobParameters
    }

    init(_ db: Database, now: Double) {
        self.db = db
        self.now = now
    }

    /// Settles every WAITING job that can be settled (skips cascade down the stages). Returns the number changed.
    mutating func all() throws -> Int {
        var total = 0
        // Stages are stored in dependency order, so one pass in batch order carries a skip to the end.
        for batch in try Int64.fetchAll(db, sql: "SELECT DISTINCT batch_id FROM jobs WHERE status = 'WAITING' ORDER BY batch_id") {
            total += try release(batch: batch, seq: nil)
        }
        return total
    }

    /// Settles what the settling of `job` may have unblocked: its per-item dependent, or a barrier's whole
    /// dependent stage when it was the last job of its stage; with `cascade` (a job that ended without
    /// completing), everything its skip reaches. One indexed query when the job has no dependents.
    mutating func after(job: Int64, cascade: Bool) throws {
        let dependents = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT n.batch_id, n.per_item, j.batch_id AS upstream, j.seq FROM jobs j
            JOIN stage_needs n ON n.needs_batch_id = j.batch_id WHERE j.id = ?
            """), arguments: [job])
        guard let first = dependents.first else { return }
        let upstream: Int64 = first["upstream"], seq: Int = first["seq"]
        if cascade {
            _ = try all()
            return
        }
        for d in dependents {
            let batch: Int64 = d["batch_id"]
            if d["per_item"] as Bool {
                _ = try release(batch: batch, seq: seq)
            } else if try unfinishedCount(upstream) == 0 {
                _ = try release(batch: batch, seq: nil)
            }
        }
    }

    private func unfinishedCount(_ batch: Int64) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM jobs WHERE batch_id = ? AND status != 'COMPLETED'"),
                         arguments: [batch]) ?? 0
    }

    private struct Need {
        let batch: Int64
        let stage: String
        let perItem: Bool
    }

    /// Settles the WAITING jobs of stage `batch` (only job `seq` if given). Returns the number changed.
    private mutating func release(batch: Int64, seq: Int?) throws -> Int {
        let needs = try Row.fetchAll(db, sql: """
            SELECT n.needs_batch_id, n.per_item, b.stage FROM stage_needs n JOIN batches b ON b.id = n.needs_batch_id
            WHERE n.batch_id = ?
            """, arguments: [batch]).map { Need(batch: $0["needs_batch_id"], stage: $0["stage"] ?? "?", perItem: $0["per_item"]) }
        var barrierOpen = true
        for need in needs where !need.perItem {
            if let bad = try Row.fetchOne(db, sql: """
                SELECT id, status FROM jobs WHERE batch_id = ? AND status IN ('FAILED', 'CANCELLED', 'SKIPPED') ORDER BY seq LIMIT 1
                """, arguments: [need.batch]) {
                return try skip(batch: batch, seq: seq, because: "needs stage \(need.stage): its job \(bad["id"] as Int64) is \(bad["status"] as String)")
            }
            if try unfinishedCount(need.batch) > 0 { barrierOpen = false }
        }
        let perItem = needs.filter(\.perItem)
        guard barrierOpen || !perItem.isEmpty else { return 0 }
        let seqClause = seq.map { " AND seq = \($0)" } ?? ""
        let waiting = try Row.fetchAll(db, sql: "SELECT id, seq, parameters FROM jobs WHERE batch_id = ? AND status = 'WAITING'\(seqClause) ORDER BY seq",
                                       arguments: [batch])
        guard !waiting.isEmpty else { return 0 }
        var upstream: [Int64: [Int: (id: Int64, status: String)]] = [:]
        for need in perItem {
            upstream[need.batch] = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT id, seq, status FROM jobs WHERE batch_id = ?\(seqClause)
                """, arguments: [need.batch]).map { ($0["seq"] as Int, (id: $0["id"] as Int64, status: $0["status"] as String)) })
        }
        let inputsText = try String.fetchOne(db, sql: "SELECT inputs FROM batches WHERE id = ?", arguments: [batch]) ?? "{}"
        let inputsHaveReferences = inputsText.contains("${")
        var inputs: JobParameters?   // decoded once, and only when a job has references to resolve
        var changed = 0
        jobs: for job in waiting {
            let id: Int64 = job["id"], jobSeq: Int = job["seq"]
            var ready = barrierOpen
            for need in perItem {
                guard let u = upstream[need.batch]?[jobSeq] else { ready = false; continue }
                if ["FAILED", "CANCELLED", "SKIPPED"].contains(u.status) {
                    try settle(id, status: .skipped, error: "needs stage \(need.stage): its job \(u.id) is \(u.status)")
                    changed += 1
                    continue jobs
                }
                if u.status != JobStatus.completed.rawValue { ready = false }
            }
            guard ready else { continue }
            let text: String = job["parameters"]
            do {
                var parameters = text
                if inputsHaveReferences || text.contains("${") {
                    let own = try StoreJSON.decode(JobParameters.self, from: text)
                    if inputs == nil { inputs = try StoreJSON.decode(JobParameters.self, from: inputsText) }
                    parameters = try StoreJSON.encode(try resolve(own, inputs: inputs!, seq: jobSeq, needs: needs))
                }
                try db.cachedStatement(sql: "UPDATE jobs SET status = 'QUEUED', parameters = ?, queued_at = ? WHERE id = ?")
                    .execute(arguments: [parameters, now, id])
            } catch let e as BatchError {
                try settle(id, status: .failed, error: e.description)
            }
            changed += 1
        }
        return changed
    }

    private func skip(batch: Int64, seq: Int?, because reason: String) throws -> Int {
        let seqClause = seq.map { " AND seq = \($0)" } ?? ""
        try db.execute(sql: "UPDATE jobs SET status = 'SKIPPED', finished_at = ?, error = ? WHERE batch_id = ? AND status = 'WAITING'\(seqClause)",
                       arguments: [now, reason, batch])
        return db.changesCount
    }

    private func settle(_ job: Int64, status: JobStatus, error: String) throws {
        try db.execute(sql: "UPDATE jobs SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                       arguments: [status.rawValue, now, error, job])
    }

    /// The job's own parameters with every templated value (its own or the stage's inputs) resolved.
    private mutating func resolve(_ own: JobParameters, inputs: JobParameters, seq: Int, needs: [Need]) throws -> JobParameters {
        var out = own
        for (key, value) in own.merging(inputs, uniquingKeysWith: { a, _ in a }) {
            let path = "parameters.\(key)"
            guard let template = try ParameterTemplate.parse(value, path: path) else { continue }
            out[key] = try template.resolve(path: path) { r in
                guard let need = needs.first(where: { $0.stage == r.stage }) else {
                    throw BatchError.invalidSpec(path: path, message: "\(r) refers to a stage this one does not need")
                }
                return try upstreamValue(of: r, need: need, seq: seq, path: path)
            }
        }
        return out
    }

    private mutating func upstreamValue(of r: ParameterReference, need: Need, seq: Int, path: String) throws -> ParameterValue {
        if need.perItem {
            guard let upstream = try upstreamJob(need.batch, seq: seq) else {
                throw BatchError.invalidSpec(path: path, message: "\(r): job \(seq) of stage \(need.stage) has no result")
            }
            return try Self.product(r, of: upstream, path: path, job: "job \(seq) of stage \(need.stage)")
        }
        let all = try upstreamJobs(need.batch)
        if all.count == 1, let only = all.first {   // a barrier on a one-job stage passes its value itself
            return try Self.product(r, of: only.value, path: path, job: "job \(only.key) of stage \(need.stage)")
        }
        let values = try all.keys.sorted().map { i in
            try Self.product(r, of: all[i]!, path: path, job: "job \(i) of stage \(need.stage)")
        }
        // A pattern's matches are lists already: the fan-in is every job's matches, in job order.
        return .list(r.isPattern ? values.flatMap { if case .list(let v) = $0 { return v } else { return [$0] } } : values)
    }

    private static func product(_ r: ParameterReference, of upstream: Upstream, path: String, job: String) throws -> ParameterValue {
        let result = upstream.result
        switch r.product {
        case .outputs:
            return .list(result.outputs.map(ParameterValue.string))
        case .output(let name) where r.isPattern:
            let files = result.outputs.filter { KindProducts.output($0, isNamed: name) }
            guard !files.isEmpty else {
                throw BatchError.invalidSpec(path: path, message: "\(r): \(job) produced no output matching '\(name)'")
            }
            return files.count == 1 ? .string(files[0]) : .list(files.map(ParameterValue.string))   // one match: the path
        case .output(let name):
            guard let file = result.outputs.first(where: { KindProducts.output($0, isNamed: name) }) else {
                throw BatchError.invalidSpec(path: path, message: "\(r): \(job) produced no output named '\(name)'")
            }
            return .string(file)
        case .result(let key):
            guard let v = result.values[key] else {
                throw BatchError.invalidSpec(path: path, message: "\(r): \(job) has no result '\(key)'")
            }
            return v
        case .parameter(let key):
            guard let v = upstream.parameters[key] else {
                throw BatchError.invalidSpec(path: path, message: "\(r): \(job) has no parameter '\(key)'")
            }
            return v
        }
    }

    /// Every completed job of an upstream (barrier) stage by job index, read once per release.
    private mutating func upstreamJobs(_ batch: Int64) throws -> [Int: Upstream] {
        if let cached = results[batch] { return cached }
        var out: [Int: Upstream] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT j.seq, j.parameters, b.inputs, r.result_values, r.outputs
            FROM results r JOIN jobs j ON j.id = r.job_id JOIN batches b ON b.id = j.batch_id WHERE r.batch_id = ?
            """, arguments: [batch]) {
            out[r["seq"]] = try Self.upstream(r)
        }
        results[batch] = out
        return out
    }

    /// Completed job `seq` of an upstream (per-item) stage.
    private func upstreamJob(_ batch: Int64, seq: Int) throws -> Upstream? {
        try Row.fetchOne(db.cachedStatement(sql: """
            SELECT j.parameters, b.inputs, r.result_values, r.outputs
            FROM jobs j JOIN results r ON r.job_id = j.id JOIN batches b ON b.id = j.batch_id WHERE j.batch_id = ? AND j.seq = ?
            """), arguments: [batch, seq]).map(Self.upstream)
    }

    private static func upstream(_ r: Row) throws -> Upstream {
        let own = try StoreJSON.decode(JobParameters.self, from: r["parameters"])
        let inputs = try StoreJSON.decode(JobParameters.self, from: r["inputs"])
        return Upstream(result: JobResult(values: try StoreJSON.decode([String: ParameterValue].self, from: r["result_values"]),
                                          outputs: try StoreJSON.decode([String].self, from: r["outputs"])),
                        parameters: own.merging(inputs) { a, _ in a })
    }
}
