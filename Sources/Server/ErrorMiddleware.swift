import Batch
import Hummingbird

/// The outermost middleware: every failure leaves as a JSON `APIError` body — engine errors with
/// their field, Hummingbird's own (unknown route 404, body too large 413) and anything unexpected (500).
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(error, path: request.uri.path).response(from: request, context: context)
        }
    }

    /// The API error for `error`.
    static func apiError(_ error: Error, path: String) -> APIError {
        switch error {
        case let e as APIError: return e
        case let e as BatchError: return APIError(e)
        case let e as HTTPError where e.status == .notFound:
            return APIError(.notFound, "no route \(path)")
        case let e as HTTPError:
            return APIError(e.status, e.body ?? e.status.reasonPhrase)
        case let e as any HTTPResponseError where e.status == .contentTooLarge:
            return APIError(.contentTooLarge, "request body too large")
        case let e as any HTTPResponseError:
            return APIError(e.status, e.status.reasonPhrase)
        default:
            return APIError(.internalServerError, "internal error: \(error)")
        }
    }
}
