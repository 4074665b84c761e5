import Batch
import Foundation
import GeoSupport
import Hummingbird

/// The handlers of the dashboard's API routes: the run overview, paged job lists, aggregate tables,
/// batch cancel/retry, job output files and raster quick-looks. Every list is bounded (pages of at most
/// `JobPageQuery.maxLimit` jobs; errors cut to `JobPageResponse.errorLimit` characters), so a
/// 100,000-job run costs the browser a few kilobytes per poll.
struct DashboardAPI: Sendable {
    let store: JobStore
    let files: JobOutputFiles
    let quickLooks: QuickLookCache
    /// Worker threads this server runs (reported with the pool).
    let serverWorkers: Int
    /// Called after jobs were requeued (wakes the worker pool).
    let onRequeue: @Sendable () -> Void

    /// The handler of `route` (one of the dashboard's).
    func handle(_ route: APIRoute, _ request: Request, _ context: some RequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        switch route {
        case .runOverview: return try JSONResponse.make(try overview())
        case .batchJobs: return try JSONResponse.make(try jobs(try BatchAPI.id("batch_id", context), query: query))
        case .batchAggregate: return try aggregate(try BatchAPI.id("batch_id", context), query: query)
        case .cancelBatch:
            let id = try existingBatch(try BatchAPI.id("batch_id", context))
            return try JSONResponse.make(BatchActionResponse(batchID: id, action: "cancel", jobs: try store.cancel(batchID: id)))
        case .retryBatch:
            let id = try existingBatch(try BatchAPI.id("batch_id", context))
            let requeued = try store.retry(failed: true, batchID: id)
            if requeued > 0 { onRequeue() }
            return try JSONResponse.make(BatchActionResponse(batchID: id, action: "retry", jobs: requeued))
        case .jobOutputs: return try JSONResponse.make(try outputs(try BatchAPI.id("job_id", context)))
        case .jobOutputFile:
            let id = try BatchAPI.id("job_id", context)
            let (name, download) = try Self.outputQuery(query, download: true)
            let file = try files.output(of: id, named: name)
            return try await Self.serve(file.path, contentType: file.kind.contentType,
                                        attachment: download ? file.name : nil, context: context)
        case .jobQuickLook:
            let id = try BatchAPI.id("job_id", context)
            let (name, _) = try Self.outputQuery(query, download: false)
            let look = try await quickLooks.quickLook(of: try files.output(of: id, named: name), jobID: id)
            var response = try await Self.serve(look.path, contentType: "image/png", attachment: nil, context: context)
            response.headers[.init(Self.quickLookHeader)!] = look.cached ? "cached" : "rendered"
            return response
        default:
            throw APIError(.notFound, "no route \(request.uri.path)")
        }
    }

    /// Response header saying whether a quick-look came from the cache (`cached`) or was drawn now (`rendered`).
    static let quickLookHeader = "X-Geotool-Quicklook"

    private func existingBatch(_ id: Int64) throws -> Int64 {
        guard try store.summaries(batchID: id).first != nil else { throw APIError.notFound("batch", id) }
        return id
    }

    private func overview() throws -> RunOverviewResponse {
        let activity = try store.batchActivity()
        let now = Date().timeIntervalSince1970
        let batches = try store.summaries().map { s -> RunOverviewResponse.Batch in
            let remaining = s.counts.filter { JobStatus(rawValue: $0.key)?.isFinal != true }.values.reduce(0, +)
            let a = activity[s.id]
            return RunOverviewResponse.Batch(batchID: s.id, name: s.name, kind: s.kind, status: s.status, total: s.total,
                                             counts: s.counts, progressPercent: s.percent,
                                             jobsPerSecond: a?.jobsPerSecond ?? 0,
                                             etaSeconds: remaining == 0 ? 0 : a?.secondsRemaining(remaining),
                                             createdAt: a?.createdAt)
        }
        let workers = try store.liveWorkers(now: now).map {
            RunOverviewResponse.Worker(id: $0.id, threads: $0.threads, shard: $0.shard, running: $0.running,
                                       jobsDone: $0.jobsDone, heartbeatAge: max(0, now - $0.heartbeatAt))
        }
        return RunOverviewResponse(generatedAt: now, statuses: JobStatus.allCases.map(\.rawValue), batches: batches,
                                   workflows: try store.workflows(), workers: workers, pool: PoolStatsResponse(try store.poolStats(), serverWorkers: serverWorkers))
    }

    private func jobs(_ id: Int64, query: some Sequence<(key: Substring, value: Substring)>) throws -> JobPageResponse {
        _ = try existingBatch(id)
        let names = try store.parameterNames(batchID: id)
        var page = JobPageQuery(batchID: id)
        var sortName = "seq"
        for (key, value) in query {
            let k = String(key), v = String(value)
            switch k {
            case "status":
                page.statuses = try v.split(separator: ",").map { text in
                    guard let s = JobStatus(rawValue: text.uppercased()) else {
                        throw APIError(.badRequest, "unknown status '\(text)' (expected \(JobStatus.allCases.map(\.rawValue).joined(separator: ", ")))",
                                       field: "status")
                    }
                    return s
                }
            case "sort":
                page.sort = try Self.sortKey(v, parameters: names)
                sortName = v
            case "order":
                guard v == "asc" || v == "desc" else { throw APIError(.badRequest, "order '\(v)': expected asc or desc", field: "order") }
                page.descending = v == "desc"
            case "offset": page.offset = try Self.integer(v, field: "offset", in: 0...Int(Int32.max))
            case "limit": page.limit = try Self.integer(v, field: "limit", in: 1...JobPageQuery.maxLimit)
            case _ where k.hasPrefix("p."):
                let name = String(k.dropFirst(2))
                guard names.contains(name) else {
                    throw APIError(.badRequest, "no parameter '\(name)' in batch \(id) (have: \(names.joined(separator: ", ")))", field: k)
                }
                page.parameterEquals[name] = Double(v).map(ParameterValue.number) ?? .string(v)
            default:
                throw APIError(.badRequest, "unknown query parameter '\(k)' (expected status, sort, order, offset, limit, p.<parameter>)",
                               field: k)
            }
        }
        let result = try store.jobPage(page)
        let entries = result.entries.map { e in
            JobPageResponse.Entry(jobID: e.job.id, seq: e.job.seq, status: e.job.status, attempts: e.job.attempts,
                                  worker: e.job.worker, error: e.job.error.map(Self.cut), parameters: e.job.parameters,
                                  values: e.result?.values,
                                  outputs: (e.result?.outputs ?? []).map { ($0 as NSString).lastPathComponent })
        }
        return JobPageResponse(batchID: id, total: result.total, offset: page.offset, limit: page.limit, sort: sortName,
                               order: page.descending ? "desc" : "asc", parameterNames: names, jobs: entries)
    }

    private func aggregate(_ id: Int64, query: some Sequence<(key: Substring, value: Substring)>) throws -> Response {
        _ = try existingBatch(id)
        let request = try AggregateRequest(query: query, extra: ["format"])
        let format = request.others["format"] ?? "json"
        guard format == "json" || format == "csv" else {
            throw APIError(.badRequest, "format '\(format)': expected json or csv", field: "format")
        }
        let rows = try store.results(batchID: id)
        let table = try request.table(rows)
        let header = table?.header ?? request.by + ["n"]
        let body = table?.rows ?? []
        if format == "csv" {
            let data = Data(CSVWriter.text([header] + body).utf8)
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8", .contentLength: String(data.count),
                .contentDisposition: "attachment; filename=\"batch-\(id)-aggregate.csv\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        return try JSONResponse.make(AggregateResponse(
            batchID: id, completed: rows.count, statistics: request.statistics.map(\.description), by: request.by,
            parameterNames: try store.parameterNames(batchID: id), header: header,
            rows: body.map { $0.map(JSONValue.init(cell:)) }))
    }

    private func outputs(_ id: Int64) throws -> JobOutputsResponse {
        let base = APIRoute.prefix + "/jobs/\(id)"
        return JobOutputsResponse(jobID: id, outputs: try files.outputs(of: id).map { f in
            let name = f.name.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? f.name
            return JobOutputsResponse.Output(name: f.name, kind: f.kind.rawValue, size: f.size, servable: f.servable,
                                             url: "\(base)/output?name=\(name)",
                                             quickLookURL: f.kind == .raster ? "\(base)/quicklook?name=\(name)" : nil)
        })
    }

    /// Characters a query value keeps unescaped (RFC 3986 unreserved).
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    /// `name` (required) and, when allowed, `download=1` from an output route's query.
    private static func outputQuery(_ query: some Sequence<(key: Substring, value: Substring)>, download allowed: Bool) throws -> (String, Bool) {
        var name: String?, download = false
        for (key, value) in query {
            switch key {
            case "name": name = String(value)
            case "download" where allowed: download = value == "1" || value == "true"
            default:
                throw APIError(.badRequest, "unknown query parameter '\(key)' (expected name\(allowed ? ", download" : ""))",
                               field: String(key))
            }
        }
        guard let name, !name.isEmpty else { throw APIError(.badRequest, "the output's name is required (?name=)", field: "name") }
        return (name, download)
    }

    private static func sortKey(_ text: String, parameters: [String]) throws -> JobPageQuery.SortKey {
        switch text {
        case "seq": return .seq
        case "id": return .id
        case "status": return .status
        case "attempts": return .attempts
        case _ where text.hasPrefix("p.") && parameters.contains(String(text.dropFirst(2))):
            return .parameter(String(text.dropFirst(2)))
        case _ where text.hasPrefix("r.") && JobPageQuery.isPlainName(String(text.dropFirst(2))):
            return .value(String(text.dropFirst(2)))
        default:
            throw APIError(.badRequest, "sort '\(text)': expected seq, id, status, attempts, p.<parameter> or r.<result value>",
                           field: "sort")
        }
    }

    private static func integer(_ text: String, field: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw APIError(.badRequest, "\(field) '\(text)': expected an integer in \(range.lowerBound)…\(range.upperBound)", field: field)
        }
        return n
    }

    private static func cut(_ error: String) -> String {
        error.count <= JobPageResponse.errorLimit ? error : String(error.prefix(JobPageResponse.errorLimit)) + "…"
    }

    /// The file at `path` as the response body (streamed by Hummingbird), never guessed at by the browser.
    private static func serve(_ path: String, contentType: String, attachment: String?,
                              context: some RequestContext) async throws -> Response {
        let body = try await FileIO().loadFile(path: path, context: context)
        var headers: HTTPFields = [.contentType: contentType, .init("X-Content-Type-Options")!: "nosniff",
                                   .cacheControl: "private, no-cache"]
        if let attachment {
            let safe = String(attachment.map { $0 == "\"" || $0 == "\\" || $0.isNewline ? "_" : $0 })
            headers[.contentDisposition] = "attachment; filename=\"\(safe)\""
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
