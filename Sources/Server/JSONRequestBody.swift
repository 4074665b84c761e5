import Foundation
import Hummingbird

/// A request's JSON body, read under the server's size limit: the text (kept as the batch's spec
/// text) and the parsed top-level object.
struct JSONRequestBody {
    let text: String
    let object: [String: Any]

    /// Reads and parses `request`'s body: 413 past `limit` bytes (checked on Content-Length first,
    /// then while reading), 400 when it is not UTF-8 or not a JSON object.
    static func read(_ request: Request, limit: Int) async throws -> JSONRequestBody {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw tooLarge(limit)
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw tooLarge(limit)
        }
        let data = Data(buffer.readableBytesView)
        guard let text = String(data: data, encoding: .utf8) else { throw APIError(.badRequest, "body is not UTF-8") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw APIError(.badRequest, "malformed JSON body: \(Self.reason(error))")
        }
        guard let object = parsed as? [String: Any] else { throw APIError(.badRequest, "body must be a JSON object") }
        return JSONRequestBody(text: text, object: object)
    }

    private static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "request body larger than \(limit) bytes")
    }

    /// The first line of a JSON parser error.
    private static func reason(_ error: Error) -> String {
        let ns = error as NSError
        let detail = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
        return detail.split(separator: "\n").first.map(String.init) ?? detail
    }
}
