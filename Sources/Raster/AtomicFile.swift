import Foundation
import GeoSupport

/// A file written through GeoSupport's `DurableFile` (hidden temporary in the destination directory,
/// fsync, rename, fsync of the directory) by GDAL or another library that writes a path: the GDAL-aware
/// face of the one durable writer. It registers the side-cars GDAL may leave beside a finished temporary
/// (`.aux.xml`, `.ovr`, `.msk`), and its errors are `RasterError`s naming the output, never the temporary.
///
/// Unless `commit()` succeeds, the temporary and every file derived from it (GDAL side-cars, the COG
/// driver's overview temporaries) are removed — by `discard()`, by a failing `commit()`, or when the object
/// goes away uncommitted — so no failure path of any writer leaves a hidden file behind.
public final class AtomicFile {
    /// Side-cars GDAL may write beside a dataset (never wanted: outputs are self-contained).
    static let gdalSideCars = [".aux.xml", ".ovr", ".msk"]

    private let file: DurableFile
    /// Where the file will be when committed.
    public var path: String { file.path }
    /// Where it is written meanwhile (same directory, hidden name).
    public var temporaryPath: String { file.temporaryPath }

    /// Checks that the destination directory exists and is writable.
    public init(_ path: String) throws {
        do throws(DurableFileError) { file = try DurableFile(path, sideCarSuffixes: Self.gdalSideCars) } catch {
            throw Self.rasterError(error)
        }
    }

    /// Makes the temporary file durable and moves it to its final name (`DurableFile.commit`). On failure
    /// everything temporary is removed and nothing new appears at `path`.
    public func commit() throws {
        do throws(DurableFileError) { try file.commit() } catch { throw Self.rasterError(error) }
    }

    /// Abandons the file: the temporary and everything derived from it are removed.
    public func discard() { file.discard() }

    /// Runs `body` with the temporary path, then commits; on error discards and rethrows, with any
    /// temporary name in the error replaced by `path` (`userFacing`).
    public static func write<R>(to path: String, _ body: (String) throws -> R) throws -> R {
        do {
            return try DurableFile.write(to: path, sideCarSuffixes: gdalSideCars, body)
        } catch {
            throw userFacing(error)
        }
    }

    /// `error` as the user should see it: when its text names a geotool temporary, a `RasterError`
    /// naming the output instead (`RasterError`s are mapped when they are made); otherwise `error`.
    public static func userFacing(_ error: Error) -> Error {
        if let e = error as? DurableFileError { return rasterError(e) }
        guard !(error is RasterError) else { return error }
        let text = "\(error)"
        let mapped = TemporaryName.userFacing(text)
        return mapped == text ? error : RasterError(.writeFailed, path: nil, mapped)
    }

    private static func rasterError(_ error: DurableFileError) -> RasterError {
        RasterError(.writeFailed, path: error.path, error.reason)
    }
}
