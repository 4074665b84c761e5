import Batch
import Hummingbird

/// An API error: an HTTP status and a JSON body `{"error": "...", "field": "parameters.x.sweep.num"}`
/// (`field` only when one input field is at fault).
public struct APIError: Error, HTTPResponseError, Equatable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let message: String
    /// The offending field as a key path into the request body (or a path/query parameter name).
    public let field: String?
    /// Extra response headers (e.g. `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, _ message: String, field: String? = nil) {
        self.status = status
        self.message = message
        self.field = field
    }

    public var description: String { "\(status.code) \(message)" + (field.map { " [\($0)]" } ?? "") }

    /// The body as sent.
    struct Body: Codable, Equatable {
        let error: String
        let field: String?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(Body(error: message, field: field), status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    /// 404 for an unknown batch or job id.
    static func notFound(_ what: String, _ id: Int64) -> APIError {
        APIError(.notFound, "no \(what) \(id)")
    }

    /// The HTTP view of an engine error: spec and argument problems are the client's (400, naming
    /// the field as the CLI does); store and execution problems are the server's (500).
    init(_ error: BatchError) {
        switch error {
        case .invalidSpec(let path, _):
            self.init(.badRequest, error.description, field: path.isEmpty ? nil : path)
        case .unreadableSpec(_, let message):
            self.init(.badRequest, message)
        case .unknownKind:
            self.init(.badRequest, error.description, field: "kind")
        case .invalidArgument:
            self.init(.badRequest, error.description)
        case .store, .cancelled, .timeout, .childProcess, .slurm:
            self.init(.internalServerError, error.description)
        }
    }
}
