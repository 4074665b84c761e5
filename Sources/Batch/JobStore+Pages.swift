import Foundation
import GeoSupport
import GRDB

/// Read queries for the dashboard: paged, filtered, sorted job lists; one job's result; recent
/// completion rates per batch (`now` defaults to the clock); live worker processes. All are single read transactions (WAL readers
/// never block the workers).
extension JobStore {
    /// One page of a batch's jobs (see `JobPageQuery`), with each completed job's result. Throws
    /// `BatchError.invalidSpec` naming the query field (`offset`, `limit`, `p.<name>`, `sort`) when one is invalid.
    public func jobPage(_ query: JobPageQuery) throws -> JobPage {
        guard query.offset >= 0 else { throw BatchError.invalidSpec(path: "offset", message: "must be ≥ 0") }
        guard (1...JobPageQuery.maxLimit).contains(query.limit) else {
            throw BatchError.invalidSpec(path: "limit", message: "must be 1…\(JobPageQuery.maxLimit)")
        }
        var clauses = ["j.batch_id = ?"]
        var arguments: [any DatabaseValueConvertible] = [query.batchID]
        if !query.statuses.isEmpty {
            clauses.append("j.status IN (\(Array(repeating: "?", count: query.statuses.count).joined(separator: ",")))")
            arguments += query.statuses.map { $0.rawValue as any DatabaseValueConvertible }
        }
        for (name, value) in query.parameterEquals.sorted(by: { $0.key < $1.key }) {
            clauses.append("json_extract(j.parameters, ?) = ?")
            arguments.append(try Self.jsonPath(name, field: "p.\(name)"))
            switch value {
            case .number(let d): arguments.append(d)
            case .string(let s): arguments.append(s)
            default: throw BatchError.invalidSpec(path: "p.\(name)", message: "only a number or a text can be matched")
            }
        }
        let whereSQL = clauses.joined(separator: " AND ")
        let countArguments = arguments
        let direction = query.descending ? "DESC" : "ASC"
        let order: String
        switch query.sort {
        case .seq: order = "j.seq"
        case .id: order = "j.id"
        case .status: order = "j.status"
        case .attempts: order = "j.attempts"
        case .parameter(let name):
            order = "json_extract(j.parameters, ?)"
            arguments.append(try Self.jsonPath(name, field: "sort"))
        case .value(let name):
            order = "json_extract(r.result_values, ?)"
            arguments.append(try Self.jsonPath(name, field: "sort"))
        }
        arguments += [query.limit, query.offset]
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM jobs j WHERE \(whereSQL)",
                                         arguments: StatementArguments(countArguments)) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT j.id, j.batch_id, j.seq, j.status, j.attempts, j.worker, j.error, j.parameters,
                       r.result_values, r.outputs
                FROM jobs j LEFT JOIN results r ON r.job_id = j.id
                WHERE \(whereSQL) ORDER BY \(order) \(direction), j.id \(direction) LIMIT ? OFFSET ?
                """, arguments: StatementArguments(arguments))
            let entries = try rows.map { r in
                let values: String? = r["result_values"]
                let outputs: String? = r["outputs"]
                let result = try values.map { v in
                    JobResult(values: try StoreJSON.decode([String: ParameterValue].self, from: v),
                              outputs: try StoreJSON.decode([String].self, from: outputs ?? "[]"))
                }
                let job = JobRow(id: r["id"], batchID: r["batch_id"], seq: r["seq"],
                                 status: JobStatus(rawValue: r["status"]) ?? .created, attempts: r["attempts"],
                                 worker: r["worker"], error: r["error"],
                                 parameters: try StoreJSON.decode(JobParameters.self, from: r["parameters"]))
                return JobPageEntry(job: job, result: result)
            }
            return JobPage(total: total, entries: entries)
        }
    }

    /// The names of a batch's varying parameters (those of its first job), sorted.
    public func parameterNames(batchID: Int64) throws -> [String] {
        let text = try read { db in
            try String.fetchOne(db, sql: "SELECT parameters FROM jobs WHERE batch_id = ? ORDER BY seq LIMIT 1",
                                arguments: [batchID])
        }
        guard let text else { return [] }
        return try StoreJSON.decode(JobParameters.self, from: text).keys.sorted()
    }

    /// The result of one job (nil until it completed).
    public func result(jobID: Int64) throws -> JobResult? {
        let row = try read { db in
            try Row.fetchOne(db, sql: "SELECT result_values, outputs FROM results WHERE job_id = ?", arguments: [jobID])
        }
        guard let row else { return nil }
        return JobResult(values: try StoreJSON.decode([String: ParameterValue].self, from: row["result_values"]),
                         outputs: try StoreJSON.decode([String].self, from: row["outputs"]))
    }

    /// Every batch's completions within the last `window` seconds (or since its submission when that
    /// is more recent), keyed by batch id.
    public func batchActivity(window: Double = 60, now: Double? = nil) throws -> [Int64: BatchActivity] {
        let now = now ?? Self.now
        return try read { db in
            var recent: [Int64: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT batch_id, COUNT(*) AS n FROM results WHERE finished_at > ? GROUP BY batch_id",
                                      arguments: [now - window]) {
                recent[r["batch_id"]] = r["n"]
            }
            var activity: [Int64: BatchActivity] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT id, created_at FROM batches") {
                let id: Int64 = r["id"], created: Double = r["created_at"]
                activity[id] = BatchActivity(batchID: id, completedInWindow: recent[id] ?? 0,
                                             windowSeconds: min(window, max(1, now - created)), createdAt: created)
            }
            return activity
        }
    }

    /// Worker processes with a heartbeat within the last 10 s, by id, with the jobs each holds RUNNING.
    public func liveWorkers(now: Double? = nil) throws -> [LiveWorker] {
        let now = now ?? Self.now
        return try read { db in
            var running: [String: Int] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT worker, COUNT(*) AS n FROM jobs WHERE status = 'RUNNING' GROUP BY worker") {
                guard let thread: String = r["worker"] else { continue }
                // `host:pid:wN` → the process `host:pid`.
                let process = thread.split(separator: ":").dropLast().joined(separator: ":")
                running[process, default: 0] += r["n"] as Int
            }
            return try Row.fetchAll(db, sql: """
                SELECT id, threads, shard, started_at, heartbeat_at, jobs_done FROM workers
                WHERE stopped_at IS NULL AND heartbeat_at > ? ORDER BY id
                """, arguments: [now - 10]).map { r in
                LiveWorker(id: r["id"], threads: r["threads"], shard: r["shard"], startedAt: r["started_at"],
                           heartbeatAt: r["heartbeat_at"], jobsDone: r["jobs_done"], running: running[r["id"]] ?? 0)
            }
        }
    }

    /// The SQLite JSON path of the top-level key `name` (`$."name"`); `field` names the query field
    /// in the error when `name` is not a plain name.
    static func jsonPath(_ name: String, field: String) throws -> String {
        guard JobPageQuery.isPlainName(name) else {
            throw BatchError.invalidSpec(path: field, message: "'\(name)' is not a parameter name (letters, digits, _ - .)")
        }
        return "$.\"\(name)\""
    }
}
