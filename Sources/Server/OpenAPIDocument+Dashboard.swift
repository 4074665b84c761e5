/// The OpenAPI description of the dashboard's routes (`DashboardAPI`): their query parameters,
/// responses and schemas.
extension OpenAPIDocument {
    /// Query parameters of a dashboard route (none for the others).
    static func dashboardQueryParameters(_ route: APIRoute) -> [JSONValue] {
        switch route {
        case .batchJobs:
            return [
                query("status", "Only jobs in these statuses (comma-separated, e.g. FAILED,CANCELLED)"),
                query("sort", "seq (default), id, status, attempts, p.<parameter> or r.<result value>"),
                query("order", "asc (default) or desc"),
                query("offset", "Jobs to skip (default 0)"),
                query("limit", "Jobs per page, 1–500 (default 50)"),
                ["name": "p.<parameter>", "in": "query", "required": false, "schema": string,
                 "description": "Only jobs whose parameter equals this value (numbers compare numerically); repeat for several"],
            ]
        case .batchAggregate:
            return [
                query("aggregate", "Comma-separated statistics: mean, std, min, max, median, pNN (default mean,std,min,max)"),
                query("by", "Comma-separated parameter names to group by (default: one group)"),
                query("format", "json (default) or csv (a download, batch-<id>-aggregate.csv)"),
            ]
        case .jobOutputFile:
            return [["name": "name", "in": "query", "required": true, "schema": string,
                     "description": "The output's file name (the last component of a path the job recorded)"],
                    query("download", "1: send Content-Disposition: attachment")]
        case .jobQuickLook:
            return [["name": "name", "in": "query", "required": true, "schema": string,
                     "description": "The file name of a .tif/.tiff output of the job"]]
        default:
            return []
        }
    }

    /// Responses of a dashboard route.
    static func dashboardResponses(_ route: APIRoute) -> [String: JSONValue] {
        var r: [String: JSONValue] = [:]
        switch route {
        case .runOverview: r["200"] = reply("Batches, workflows, live workers and the pool", "RunOverview")
        case .batchJobs:
            r["200"] = reply("One page of jobs and the number matching", "JobPage")
            r["400"] = reply("Unknown status, sort key, parameter or query key; offset or limit out of range", "Error")
        case .batchAggregate:
            r["200"] = ["description": "The aggregate table",
                        "content": ["application/json": ["schema": ref("Aggregate")], "text/csv": ["schema": string]]]
            r["400"] = reply("Unknown statistic, grouping parameter, format or query key", "Error")
        case .cancelBatch, .retryBatch: r["200"] = reply(route == .cancelBatch ? "Jobs cancelled" : "Jobs requeued", "BatchAction")
        case .jobOutputs: r["200"] = reply("The job's output files (empty until it completed)", "JobOutputs")
        case .jobOutputFile:
            r["200"] = ["description": "The file (Content-Type from its extension)",
                        "content": ["application/octet-stream": ["schema": ["type": "string", "format": "binary"]]]]
            r["400"] = reply("No name, or an unknown query key", "Error")
            r["403"] = reply("The output lies outside the run directory and the data roots", "Error")
        case .jobQuickLook:
            r["200"] = ["description": "PNG quick-look; header X-Geotool-Quicklook: cached or rendered",
                        "content": ["image/png": ["schema": ["type": "string", "format": "binary"]]]]
            r["400"] = reply("No name, an unknown query key, or an output that is not a GeoTIFF", "Error")
            r["403"] = reply("The output lies outside the run directory and the data roots", "Error")
            r["422"] = reply("The raster could not be drawn", "Error")
            r["501"] = reply("This server has no quick-look renderer", "Error")
        default: break
        }
        return r
    }

    /// Schemas of the dashboard's JSON answers.
    static var dashboardSchemas: JSONValue {
        [
            "RunOverview": object([
                "generated_at": number, "statuses": ["type": "array", "items": string],
                "batches": ["type": "array", "items": object([
                    "batch_id": integer, "name": string, "kind": string, "status": string, "total": integer,
                    "counts": ["type": "object", "additionalProperties": integer], "progress_percent": number,
                    "jobs_per_s": number, "eta_s": ["type": "number", "nullable": true], "created_at": number,
                ])],
                "workers": ["type": "array", "items": object([
                    "id": string, "threads": integer, "shard": ["type": "string", "nullable": true], "running": integer,
                    "jobs_done": integer, "heartbeat_age_s": number,
                ])],
                "workflows": ["type": "array", "items": object([
                    "id": integer, "name": string, "status": string,
                    "stages": ["type": "array", "description": "In dependency order", "items": object([
                        "stage": string,
                        "needs": ["type": "array", "items": object(["stage": string, "per_item": ["type": "boolean"]])],
                        "batch": object(["id": integer, "name": string, "kind": string, "total": integer, "status": string,
                                         "counts": ["type": "object", "additionalProperties": integer], "percent": number]),
                    ])],
                ])],
                "pool": ref("PoolStats"),
            ], required: ["generated_at", "statuses", "batches", "workflows", "workers", "pool"]),
            "JobPage": object([
                "batch_id": integer, "total": integer, "offset": integer, "limit": integer, "sort": string, "order": string,
                "parameter_names": ["type": "array", "items": string],
                "jobs": ["type": "array", "items": object([
                    "job_id": integer, "seq": integer, "status": jobStatus, "attempts": integer,
                    "worker": ["type": "string", "nullable": true],
                    "error": ["type": "string", "nullable": true, "description": "Cut to 400 characters"],
                    "parameters": scalarMap, "values": scalarMap, "outputs": ["type": "array", "items": string],
                ])],
            ], required: ["batch_id", "total", "offset", "limit", "jobs"]),
            "Aggregate": object([
                "batch_id": integer, "completed": integer, "statistics": ["type": "array", "items": string],
                "by": ["type": "array", "items": string], "parameter_names": ["type": "array", "items": string],
                "header": ["type": "array", "items": string],
                "rows": ["type": "array", "items": ["type": "array", "items": ["nullable": true]]],
            ]),
            "BatchAction": object(["batch_id": integer, "action": ["type": "string", "enum": ["cancel", "retry"]], "jobs": integer]),
            "JobOutputs": object([
                "job_id": integer,
                "outputs": ["type": "array", "items": object([
                    "name": string, "kind": ["type": "string", "enum": ["png", "raster", "csv", "text", "other"]],
                    "size": ["type": "integer", "nullable": true], "servable": ["type": "boolean"], "url": string,
                    "quicklook_url": ["type": "string", "nullable": true],
                ])],
            ]),
        ]
    }

    /// Two JSON objects' keys together (the second wins a clash).
    static func merged(_ a: JSONValue, _ b: JSONValue) -> JSONValue {
        guard case .object(let x) = a, case .object(let y) = b else { return a }
        return .object(x.merging(y) { _, second in second })
    }
}
