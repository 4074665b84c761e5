import Foundation
import Grid

/// Output raster formats geotool writes.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
    case gtiff = "GTiff"
    /// Cloud-optimized GeoTIFF (written as a temporary GTiff, then CreateCopy to COG).
    case cog = "COG"

    /// Parses "GTiff"/"COG" case-insensitively.
    public init?(name: String) {
        guard let f = OutputFormat.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            return nil
        }
        self = f
    }

    /// Creation options used unless the caller overrides them.
    public var defaultCreationOptions: [String: String] {
        switch self {
        case .gtiff: return ["TILED": "YES", "COMPRESS": "DEFLATE", "BIGTIFF": "IF_SAFER"]
        case .cog: return ["COMPRESS": "DEFLATE", "BIGTIFF": "IF_SAFER"]
        }
    }
}

/// A raster being written atomically: create it, write bands through `dataset`, then `commit()`.
/// Until committed the data lives under a temporary name; `abort()` (or dropping the object
/// uncommitted) removes it, so a failed run leaves nothing behind.
public final class RasterOutput {
    /// The final path.
    public let path: String
    public let format: OutputFormat
    /// The dataset to write into (a GTiff under a temporary name; for COG a staging copy).
    public let dataset: Dataset
    private let file: AtomicFile
    private let creationOptions: [String: String]
    private var finished = false

    /// Creates the temporary raster. `creationOptions` are merged over the format's defaults; one the
    /// driver ignores is an error. When this throws, nothing is left behind (the `AtomicFile` goes
    /// with everything derived from its temporary).
    public init(path: String, format: OutputFormat = .gtiff, width: Int, height: Int, bandCount: Int = 1,
                dataType: RasterDataType, georeference: Georeference? = nil,
                creationOptions: [String: String] = [:]) throws {
        self.path = path
        self.format = format
        self.file = try AtomicFile(path)
        self.creationOptions = format.defaultCreationOptions.merging(creationOptions) { $1 }
        if format == .cog { try Dataset.validateCreationOptions(self.creationOptions, driver: "COG", path: path) }
        // COG is CreateCopy-only: stage as a plain tiled GTiff first.
        let stagingOptions = format == .gtiff ? self.creationOptions
            : ["TILED": "YES", "BIGTIFF": "IF_SAFER", "COMPRESS": "LZW"]
        self.dataset = try Dataset.create(file.temporaryPath, driver: "GTiff", width: width, height: height,
                                          bandCount: bandCount, dataType: dataType, options: stagingOptions)
        if let georeference { try dataset.setGeoreference(georeference) }
    }

    deinit { if !finished { abort() } }

    /// Closes the raster, converts to COG if asked, and moves it to its final name.
    public func commit() throws {
        guard !finished else { return }
        finished = true
        do {
            if format == .cog {
                // The staged GTiff is copied to the output's own durable file; the staging file is then
                // discarded (never committed), so both temporaries go on any failure.
                let target = try AtomicFile(path)
                let cog = try dataset.createCopy(to: target.temporaryPath, driver: "COG", options: creationOptions)
                try cog.close()
                try dataset.close()
                try target.commit()
                file.discard()
            } else {
                try dataset.close()
                try file.commit()
            }
        } catch {
            try? dataset.close()
            file.discard()
            throw error
        }
    }

    /// Discards everything written so far.
    public func abort() {
        finished = true
        try? dataset.close()
        file.discard()
    }
}

@available(*, unavailable, message: "wraps a GDAL dataset: one thread at a time")
extension RasterOutput: Sendable {}
