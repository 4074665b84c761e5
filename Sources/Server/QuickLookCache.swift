import Foundation
import GeoSupport

/// Quick-look PNGs of raster outputs, rendered on first request by the injected `QuickLookRenderer`
/// and kept under `RUN/quicklook/<job id>/<output name>.png`. A cached PNG is used while it is at least
/// as new as its raster (a re-run job's new output gets a new quick-look); the renderer writes durably,
/// so a crash mid-render leaves no half PNG to serve.
struct QuickLookCache: Sendable {
    /// `RUN/quicklook`.
    let directory: String
    /// nil: the server has none (quick-look requests get 501).
    let renderer: QuickLookRenderer?

    /// The quick-look of `file` (an output of job `jobID`) and whether it came from the cache.
    func quickLook(of file: JobOutputFile, jobID: Int64) async throws -> (path: String, cached: Bool) {
        guard file.kind == .raster else {
            throw APIError(.badRequest, "output '\(file.name)' is not a GeoTIFF (quick-looks are drawn for .tif/.tiff outputs)",
                           field: "name")
        }
        guard let renderer else { throw APIError(.notImplemented, "this server has no quick-look renderer") }
        let jobDirectory = (directory as NSString).appendingPathComponent(String(jobID))
        let png: String
        do { png = try ContainedPath.child(file.name + ".png", of: jobDirectory) } catch {
            throw APIError(.badRequest, "output name '\(file.name)': \(error)", field: "name")
        }
        if Self.isFresh(png, source: file) { return (png, true) }
        do {
            try FileManager.default.createDirectory(atPath: jobDirectory, withIntermediateDirectories: true)
        } catch {
            throw APIError(.internalServerError, "cannot create the quick-look cache \(jobDirectory)")
        }
        let raster = file.path
        do {
            try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, Error>) in
                // Rendering reads the raster and draws with cairo: keep it off the server's event loops.
                DispatchQueue.global().async {
                    do { try renderer.render(raster, png); done.resume() } catch { done.resume(throwing: error) }
                }
            }
        } catch {
            throw APIError(.unprocessableContent, "quick-look of '\(file.name)' failed: \(error)", field: "name")
        }
        return (png, false)
    }

    /// Whether `png` exists, is not empty and is not older than the raster it shows.
    static func isFresh(_ png: String, source: JobOutputFile) -> Bool {
        guard let a = try? FileManager.default.attributesOfItem(atPath: png),
              let size = (a[.size] as? NSNumber)?.intValue, size > 0,
              let made = a[.modificationDate] as? Date, let changed = source.modified else { return false }
        return made >= changed
    }
}
