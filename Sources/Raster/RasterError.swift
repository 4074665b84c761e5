import GeoSupport

/// The one error type of the Raster module: what went wrong, with the file it concerns and
/// GDAL's own message where GDAL reported one. `description` is a single line suitable for a CLI.
public struct RasterError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Broad category, for callers that want to react differently.
    public enum Kind: String, Sendable {
        case notFound, isDirectory, notRecognized, openFailed, readFailed, writeFailed
        case createFailed, invalidArgument, unsupported, crs, transform
    }

    public let kind: Kind
    /// The file (or other subject such as an SRS string) the error concerns, if any.
    public let path: String?
    /// Human-readable explanation, usually including GDAL's last error message.
    public let message: String

    /// A geotool temporary named in `path` or `message` (`.out.tif.tmp-…`: a dataset being written
    /// through `AtomicFile`, or GDAL's message about it) is replaced by the output it will become, so
    /// errors name the user's path.
    public init(_ kind: Kind, path: String?, _ message: String) {
        self.kind = kind
        self.path = path.map(TemporaryName.userFacing)
        self.message = TemporaryName.userFacing(message)
    }

    public var description: String {
        let line = path.map { "\($0): \(message)" } ?? message
        return line.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

extension RasterError {
    /// GDAL ignored a creation option or value (it only warns): the output would not be what was asked for.
    static func rejectedOption(path: String, _ warning: String) -> RasterError {
        RasterError(.createFailed, path: path, "creation option not accepted: \(warning)")
    }
}
