import Batch
import Foundation
import Hummingbird

/// The handlers of the batch API, one method per `APIRoute`, over one `JobStore`. Handlers read
/// and write the store directly (short SQLite transactions; WAL lets readers run beside writers,
/// including other processes), and wake the worker pool after a submit.
struct BatchAPI: Sendable {
    let store: JobStore
    let registry: JobRegistry
    let submission: BatchSubmission
    let bodyLimit: Int
    /// Worker threads this server runs (0: API only).
    let serverWorkers: Int
    /// The job kind of the erosion shortcut (`ServerConfiguration.erosionShortcutKind`); nil: 501.
    let erosionShortcutKind: String?
    /// Called after a batch is stored (wakes the worker pool).
    let onSubmit: @Sendable () -> Void
    /// The dashboard's routes (overview, job pages, outputs, quick-looks, batch actions).
    let dashboard: DashboardAPI

    /// The handler of `route`.
    func handle(_ route: APIRoute, _ request: Request, _ context: some RequestContext) async throws -> Response {
        switch route {
        case .health: return try JSONResponse.make(HealthResponse(status: "ok"))
        case .openAPI: return JSONResponse.make(data: OpenAPIDocument.data)
        case .kinds: return try JSONResponse.make(KindsResponse(kinds: registry.descriptions))
        case .poolStats: return try JSONResponse.make(PoolStatsResponse(try store.poolStats(), serverWorkers: serverWorkers))
        case .poolJobs:
            let running = try store.jobs(status: .running).map { JobStatusResponse($0) }
            return try JSONResponse.make(PoolJobsResponse(count: running.count, jobs: running))
        case .submitBatch:
            let body = try await JSONRequestBody.read(request, limit: bodyLimit)
            return try submitted(submission.submit(body.object, defaultName: "api-batch"))
        case .parallelSimulations:
            guard let kind = erosionShortcutKind else {
                throw APIError(.notImplemented, "this server has no erosion job kind configured for the shortcut", field: "kind")
            }
            guard registry.kinds.contains(kind) else {
                throw APIError(.notImplemented,
                               "job kind '\(kind)' is not registered in this geotool (known: \(registry.kinds.joined(separator: ", ")))",
                               field: "kind")
            }
            let body = try await JSONRequestBody.read(request, limit: bodyLimit)
            return try submitted(submission.submit(try ErosionShortcut.spec(from: body.object, kind: kind), defaultName: "erosion-scenarios"))
        case .batchStatus: return try batchStatus(try Self.id("batch_id", context))
        case .batchResults: return try results(try Self.id("batch_id", context), query: request.uri.queryParameters)
        case .jobStatus: return try jobStatus(try Self.id("job_id", context))
        case .cancelJob: return try cancel(try Self.id("job_id", context))
        case .runOverview, .batchJobs, .batchAggregate, .cancelBatch, .retryBatch, .jobOutputs, .jobOutputFile, .jobQuickLook:
            return try await dashboard.handle(route, request, context)
        }
    }

    private func submitted(_ batch: BatchInfo) throws -> Response {
        onSubmit()
        return try JSONResponse.make(SubmitResponse(batch), status: .created)
    }

    private func batchStatus(_ id: Int64) throws -> Response {
        guard let summary = try store.summaries(batchID: id).first else { throw APIError.notFound("batch", id) }
        return try JSONResponse.make(BatchStatusResponse(summary, jobs: try store.jobs(batchID: id)))
    }

    private func jobStatus(_ id: Int64) throws -> Response {
        guard let job = try store.job(id) else { throw APIError.notFound("job", id) }
        let result = job.status == .completed ? try store.result(jobID: id) : nil
        return try JSONResponse.make(JobStatusResponse(job, result: result))
    }

    private func cancel(_ id: Int64) throws -> Response {
        guard let job = try store.job(id) else { throw APIError.notFound("job", id) }
        guard !job.status.isFinal else {
            throw APIError(.conflict, "job \(id) is already \(job.status.rawValue)")
        }
        let cancelled = try store.cancel(jobID: id) == 1
        let now = try store.job(id)?.status ?? .cancelled
        return try JSONResponse.make(CancelResponse(jobID: id, status: now, cancelled: cancelled))
    }

    private func results(_ id: Int64, query: some Sequence<(key: Substring, value: Substring)>) throws -> Response {
        guard try store.summaries(batchID: id).first != nil else { throw APIError.notFound("batch", id) }
        let request = try AggregateRequest(query: query)
        let statistics = request.statistics, by = request.by
        let rows = try store.results(batchID: id)
        var aggregates: [JSONValue] = []
        if let table = try request.table(rows) {
            aggregates = table.rows.map { row in
                .object(Dictionary(zip(table.header, row.map(JSONValue.init(cell:)))) { a, _ in a })
            }
        }
        let entries = rows.map {
            ResultsResponse.Entry(jobID: $0.jobID, seq: $0.seq, parameters: $0.parameters,
                                  values: $0.result.values, outputs: $0.result.outputs)
        }
        return try JSONResponse.make(ResultsResponse(batchID: id, completed: rows.count, statistics: statistics.map(\.description),
                                                     by: by, aggregates: aggregates, results: entries))
    }

    /// The integer path parameter `name` (400 naming it when it is not one).
    static func id(_ name: String, _ context: some RequestContext) throws -> Int64 {
        guard let id = context.parameters.get(name, as: Int64.self) else {
            throw APIError(.badRequest, "\(name) must be an integer", field: name)
        }
        return id
    }
}
