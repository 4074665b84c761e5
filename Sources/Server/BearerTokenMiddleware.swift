import Hummingbird

/// Requires `Authorization: Bearer <token>` on every path except the open ones (`/health`):
/// 401 with `WWW-Authenticate: Bearer` when it is missing or wrong.
struct BearerTokenMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: BearerToken
    let openPaths: Set<String>

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        guard openPaths.contains(request.uri.path) || token.accepts(authorization: request.headers[.authorization]) else {
            var error = APIError(.unauthorized, "missing or wrong bearer token (send Authorization: Bearer <token>)")
            error.headers = [.wwwAuthenticate: "Bearer"]
            throw error
        }
        return try await next(request, context)
    }
}
