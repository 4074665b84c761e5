import Foundation

/// The OpenAPI 3 document of the API, built from `APIRoute` (so every route is documented) and
/// served at `/openapi.json`; `docs/openapi.json` is a copy (`geotool serve --print-openapi`),
/// and a test checks the two are identical.
public enum OpenAPIDocument {
    /// The document as pretty-printed, sorted-key JSON with a trailing newline.
    public static let data: Data = {
        var d = (try? JSONResponse.data(document, pretty: true)) ?? Data()
        d.append(0x0A)
        return d
    }()

    /// The document.
    public static var document: JSONValue {
        var paths: [String: [String: JSONValue]] = [:]
        for route in APIRoute.allCases {
            paths[route.path, default: [:]][route.methodName.lowercased()] = operation(route)
        }
        return [
            "openapi": "3.0.3",
            "info": [
                "title": "geotool batch API",
                "version": "1.0.0",
                "description": .string("""
                    REST API of `geotool serve` over the batch engine: the same SQLite store (RUN/batch.sqlite), \
                    spec schema and job kinds as `geotool batch`. Errors are JSON {\"error\": …, \"field\": …}. \
                    With --token-file every route but /health needs `Authorization: Bearer <token>`. Request \
                    bodies above the limit (default 1 MiB) get 413. File parameters must resolve inside the \
                    run directory or a --data-root.
                    """),
            ],
            "servers": [["url": "http://127.0.0.1:8000"]],
            "security": [["bearer": []]],
            "paths": .object(paths.mapValues { .object($0) }),
            "components": ["securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]], "schemas": merged(schemas, dashboardSchemas)],
        ]
    }

    private static func operation(_ route: APIRoute) -> JSONValue {
        var op: [String: JSONValue] = [
            "operationId": .string(route.rawValue),
            "summary": .string(route.summary),
            "responses": .object(responses(route)),
        ]
        if route.isOpen { op["security"] = [] }
        var parameters: [JSONValue] = route.pathParameters.map { name in
            ["name": .string(name), "in": "path", "required": true, "schema": ["type": "integer", "format": "int64"]]
        }
        if route == .batchResults {
            parameters += [
                query("aggregate", "Comma-separated statistics: mean, std, min, max, median, pNN (default mean,std,min,max)"),
                query("by", "Comma-separated parameter names to group by (default: one group)"),
            ]
        }
        parameters += dashboardQueryParameters(route)
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        switch route {
        case .submitBatch: op["requestBody"] = body("BatchSpec")
        case .parallelSimulations: op["requestBody"] = body("ErosionScenarios")
        default: break
        }
        return .object(op)
    }

    static func query(_ name: String, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "query", "required": false, "description": .string(description), "schema": ["type": "string"]]
    }

    static func body(_ schema: String) -> JSONValue {
        ["required": true, "content": ["application/json": ["schema": ref(schema)]]]
    }

    static func ref(_ schema: String) -> JSONValue { ["$ref": .string("#/components/schemas/\(schema)")] }

    static func reply(_ description: String, _ schema: String) -> JSONValue {
        ["description": .string(description), "content": ["application/json": ["schema": ref(schema)]]]
    }

    private static func responses(_ route: APIRoute) -> [String: JSONValue] {
        var r: [String: JSONValue] = [:]
        switch route {
        case .health: r["200"] = reply("Alive", "Health")
        case .openAPI: r["200"] = ["description": "This document", "content": ["application/json": ["schema": ["type": "object"]]]]
        case .kinds: r["200"] = reply("Job kinds and their parameter schemas", "Kinds")
        case .poolStats: r["200"] = reply("Pool statistics", "PoolStats")
        case .poolJobs: r["200"] = reply("Running jobs", "PoolJobs")
        case .submitBatch, .parallelSimulations:
            r["201"] = reply("Batch stored and queued", "Submitted")
            r["400"] = reply("Malformed JSON, wrong types, invalid spec, a parameter the kind does not declare, a file parameter outside the allowed roots, or more jobs than max_jobs or the server's cap on jobs per request", "Error")
            r["413"] = reply("Body larger than the limit", "Error")
            if route == .parallelSimulations { r["501"] = reply("No erosion-scenario job kind in this geotool", "Error") }
        case .batchStatus: r["200"] = reply("Batch status", "BatchStatus")
        case .batchResults:
            r["200"] = reply("Results and aggregates", "Results")
            r["400"] = reply("Unknown statistic or grouping parameter", "Error")
        case .jobStatus: r["200"] = reply("Job status", "JobStatus")
        case .cancelJob:
            r["200"] = reply("Cancelled", "Cancelled")
            r["409"] = reply("The job already finished", "Error")
        case .runOverview, .batchJobs, .batchAggregate, .cancelBatch, .retryBatch, .jobOutputs, .jobOutputFile, .jobQuickLook:
            r = dashboardResponses(route)
        }
        if !route.pathParameters.isEmpty {
            r["400"] = r["400"] ?? reply("Id is not an integer", "Error")
            r["404"] = reply("No such id", "Error")
        }
        if !route.isOpen { r["401"] = reply("Missing or wrong bearer token (when the server has one)", "Error") }
        return r
    }

    static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var o: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { o["required"] = .array(required.map { .string($0) }) }
        return .object(o)
    }

    static let integer: JSONValue = ["type": "integer"]
    static let number: JSONValue = ["type": "number"]
    static let string: JSONValue = ["type": "string"]
    static let scalar: JSONValue = ["oneOf": [["type": "number"], ["type": "string"]]]
    static let scalarMap: JSONValue = ["type": "object", "additionalProperties": scalar]
    static let jobStatus: JSONValue = ["type": "string", "enum": ["CREATED", "QUEUED", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]]

    private static var schemas: JSONValue {
        let job = object([
            "job_id": integer, "batch_id": integer, "seq": integer, "status": jobStatus, "attempts": integer,
            "worker": ["type": "string", "nullable": true], "error": ["type": "string", "nullable": true],
            "parameters": scalarMap,
            "result": ["type": "object", "nullable": true, "properties": ["values": scalarMap, "outputs": ["type": "array", "items": string]]],
        ], required: ["job_id", "batch_id", "seq", "status", "attempts", "parameters"])
        return [
            "Error": object(["error": string, "field": ["type": "string", "description": "Key path of the offending field, e.g. parameters.x.sweep.num"]],
                            required: ["error"]),
            "Health": object(["status": string], required: ["status"]),
            "Kinds": object(["kinds": ["type": "array", "items": object([
                "kind": string, "accepts_other_numbers": ["type": "boolean"],
                "parameters": ["type": "array", "items": object([
                    "name": string,
                    "type": ["type": "string", "enum": ["number", "integer", "text", "choice", "flag", "input_file",
                                                        "number_or_input_file", "output_file_name"]],
                    "required": ["type": "boolean"], "default": ["nullable": true], "help": string,
                    "numbered": ["type": "boolean"], "minimum": number, "maximum": number,
                    "choices": ["type": "array", "items": string], "suffix": string,
                ], required: ["name", "type", "required", "help", "numbered"])],
            ], required: ["kind", "accepts_other_numbers", "parameters"])]], required: ["kinds"]),
            "Submitted": object(["batch_id": integer, "name": string, "kind": string, "jobs": integer, "status_url": string],
                                required: ["batch_id", "name", "kind", "jobs", "status_url"]),
            "BatchSpec": [
                "type": "object", "required": ["kind"],
                "description": "The batch spec schema of `geotool batch submit` (YAML there, JSON here); see Sources/Batch/BatchSpec.swift.",
                "properties": [
                    "name": string, "kind": string, "inputs": scalarMap,
                    "parameters": ["type": "object", "description": "name → scalar or one of {value|list|grid|sweep|monte_carlo: …}",
                                   "additionalProperties": true],
                    "monte_carlo": object(["n": integer, "seed": integer]),
                    "seeds_per_combination": integer, "seed": integer, "priority": integer, "max_retries": integer,
                    "retry_backoff": number, "timeout": number, "rate_limit": number, "max_jobs": integer,
                    "isolation": ["type": "string", "enum": ["process", "thread"]],
                ],
            ],
            "ErosionScenarios": object([
                "dem": string, "scenarios": ["type": "array", "minItems": 1, "items": scalarMap],
                "name": string, "priority": integer, "max_retries": integer, "retry_backoff": number, "timeout": number,
                "isolation": ["type": "string", "enum": ["process", "thread"]],
            ], required: ["dem", "scenarios"]),
            "BatchStatus": object([
                "batch_id": integer, "name": string, "kind": string,
                "status": ["type": "string", "enum": ["RUNNING", "COMPLETED", "PARTIALLY_FAILED", "FAILED", "CANCELLED"]],
                "progress_percent": number, "total": integer,
                "counts": ["type": "object", "additionalProperties": integer],
                "total_jobs": integer, "completed": integer, "failed": integer, "running": integer, "queued": integer,
                "job_statuses": ["type": "array", "items": object([
                    "job_id": integer, "seq": integer, "status": jobStatus, "attempts": integer,
                    "error": ["type": "string", "nullable": true],
                ])],
            ], required: ["batch_id", "status", "progress_percent", "counts", "total_jobs", "completed", "failed",
                          "running", "queued", "job_statuses"]),
            "JobStatus": job,
            "Cancelled": object(["job_id": integer, "status": jobStatus, "cancelled": ["type": "boolean"]]),
            "PoolJobs": object(["count": integer, "jobs": ["type": "array", "items": ref("JobStatus")]]),
            "PoolStats": object([
                "workers": integer, "processes": integer, "server_workers": integer, "busy": integer, "queued": integer,
                "completed": integer, "failed": integer, "throughput": number, "overall_throughput": number,
            ]),
            "Results": object([
                "batch_id": integer, "completed": integer, "statistics": ["type": "array", "items": string],
                "by": ["type": "array", "items": string],
                "aggregates": ["type": "array", "items": ["type": "object", "additionalProperties": true]],
                "results": ["type": "array", "items": object([
                    "job_id": integer, "seq": integer, "parameters": scalarMap, "values": scalarMap,
                    "outputs": ["type": "array", "items": string],
                ])],
            ]),
        ]
    }
}
