import Foundation
import Hummingbird

/// The dashboard's files, served by `geotool serve` itself (no CDN, no network access needed): the
/// page at `/` and its script, style sheet and icon under `/dashboard/`. They hold no data, so they
/// are open even when the server has a token; the script sends the token with each API call. Every
/// answer forbids anything but same-origin script, style, API calls and `blob:` images (the outputs
/// the script fetched with the token).
enum DashboardAssets {
    /// One file: its Content-Type and bytes.
    struct Asset: Sendable {
        let contentType: String
        let body: Data
    }

    /// Path → file.
    static let assets: [String: Asset] = [
        "/": Asset(contentType: "text/html; charset=utf-8", body: Data(DashboardPage.text.utf8)),
        "/dashboard/app.js": Asset(contentType: "text/javascript; charset=utf-8", body: Data(DashboardScript.text.utf8)),
        "/dashboard/app.css": Asset(contentType: "text/css; charset=utf-8", body: Data(DashboardStyle.text.utf8)),
        "/dashboard/icon.svg": Asset(contentType: "image/svg+xml", body: Data(DashboardIcon.text.utf8)),
    ]

    /// The paths of the files (open without a token).
    static var paths: Set<String> { Set(assets.keys) }

    /// Same-origin only; images may also be `blob:` URLs made from fetched outputs.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; "
        + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    /// Registers a GET route for every file.
    static func register(on router: Router<BasicRequestContext>) {
        for (path, asset) in assets {
            let response = Self.response(asset)
            router.get(RouterPath(path)) { _, _ in response }
        }
    }

    private static func response(_ asset: Asset) -> Response {
        Response(status: .ok, headers: [
            .contentType: asset.contentType, .contentLength: String(asset.body.count), .cacheControl: "no-cache",
            .contentSecurityPolicy: contentSecurityPolicy, .init("X-Content-Type-Options")!: "nosniff",
            .init("Referrer-Policy")!: "no-referrer",
        ], body: .init(byteBuffer: ByteBuffer(bytes: asset.body)))
    }
}
