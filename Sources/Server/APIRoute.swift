import Hummingbird

/// Every route of the API: the router registers exactly these, and the OpenAPI document describes
/// exactly these, so the two cannot drift apart.
public enum APIRoute: String, CaseIterable, Sendable {
    case health
    case openAPI
    case kinds
    case poolStats
    case poolJobs
    case submitBatch
    case batchStatus
    case batchResults
    case parallelSimulations
    case jobStatus
    case cancelJob
    // The dashboard's reads and actions (DashboardAPI).
    case runOverview
    case batchJobs
    case batchAggregate
    case cancelBatch
    case retryBatch
    case jobOutputs
    case jobOutputFile
    case jobQuickLook

    /// The prefix of the batch API (the seed's paths, kept for its clients).
    static let prefix = "/api/v1/batch"

    public var method: HTTPRequest.Method {
        switch self {
        case .submitBatch, .parallelSimulations, .cancelJob, .cancelBatch, .retryBatch: return .post
        default: return .get
        }
    }

    /// The method's name (`GET`, `POST`).
    public var methodName: String { method.rawValue }

    /// The path, with `{name}` parameters (the same syntax in the router and in OpenAPI).
    public var path: String {
        switch self {
        case .health: return "/health"
        case .openAPI: return "/openapi.json"
        case .kinds: return "/api/v1/kinds"
        case .poolStats: return Self.prefix + "/pool/stats"
        case .poolJobs: return Self.prefix + "/pool/jobs"
        case .submitBatch: return Self.prefix + "/batch/submit"
        case .batchStatus: return Self.prefix + "/batch/{batch_id}/status"
        case .batchResults: return Self.prefix + "/batch/{batch_id}/results"
        case .parallelSimulations: return Self.prefix + "/simulations/parallel"
        case .jobStatus: return Self.prefix + "/jobs/{job_id}/status"
        case .cancelJob: return Self.prefix + "/jobs/{job_id}/cancel"
        case .runOverview: return Self.prefix + "/overview"
        case .batchJobs: return Self.prefix + "/batch/{batch_id}/jobs"
        case .batchAggregate: return Self.prefix + "/batch/{batch_id}/aggregate"
        case .cancelBatch: return Self.prefix + "/batch/{batch_id}/cancel"
        case .retryBatch: return Self.prefix + "/batch/{batch_id}/retry"
        case .jobOutputs: return Self.prefix + "/jobs/{job_id}/outputs"
        case .jobOutputFile: return Self.prefix + "/jobs/{job_id}/output"
        case .jobQuickLook: return Self.prefix + "/jobs/{job_id}/quicklook"
        }
    }

    /// Whether the route is open without the bearer token.
    public var isOpen: Bool { self == .health }

    /// One line for the OpenAPI summary.
    public var summary: String {
        switch self {
        case .health: return "Liveness: the server answers and its store opens"
        case .openAPI: return "This OpenAPI 3 document"
        case .kinds: return "Every job kind with its parameter schema (name, type, range or choices, default, help)"
        case .poolStats: return "Worker pool statistics: workers, busy, queued, completed, failed, throughput"
        case .poolJobs: return "Active (RUNNING) jobs across every process working the store"
        case .submitBatch: return "Submit a batch spec (the YAML spec schema, as JSON)"
        case .batchStatus: return "A batch's status, progress, counts and job statuses"
        case .batchResults: return "A batch's completed results and their aggregates"
        case .parallelSimulations: return "Erosion shortcut: a DEM and a list of scenarios become one erosion-scenario batch"
        case .jobStatus: return "One job's status, attempts, error and result"
        case .cancelJob: return "Cancel a job (a running one is stopped through its worker)"
        case .runOverview: return "Every batch (status, counts, progress, recent throughput, estimated time left), every workflow (stages and their needs), live workers"
        case .batchJobs: return "One page of a batch's jobs, filtered by status and parameters, sorted (server-side paging)"
        case .batchAggregate: return "A batch's aggregate table (batch results --aggregate) as JSON or CSV"
        case .cancelBatch: return "Cancel every unfinished job of a batch"
        case .retryBatch: return "Requeue a batch's FAILED jobs with a fresh attempt budget"
        case .jobOutputs: return "A job's output files: name, size, kind (png, raster, other), links"
        case .jobOutputFile: return "One output file of a job, by name (only files inside the run directory or a data root)"
        case .jobQuickLook: return "A PNG quick-look of a raster output of a job, rendered on first request and cached under RUN/quicklook"
        }
    }

    /// Path parameter names, in order.
    public var pathParameters: [String] {
        path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }
}
