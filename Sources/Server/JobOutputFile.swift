import Foundation

/// One output file a job recorded, as the dashboard serves it: its name (the last path component),
/// where it really is (symbolic links resolved) and whether it may be served.
struct JobOutputFile: Sendable, Equatable {
    /// What the dashboard can show of a file, by its extension.
    enum Kind: String, Sendable {
        case png, raster, csv, text, other

        init(name: String) {
            switch (name as NSString).pathExtension.lowercased() {
            case "png": self = .png
            case "tif", "tiff": self = .raster
            case "csv": self = .csv
            case "txt", "json", "yaml", "yml", "log": self = .text
            default: self = .other
            }
        }

        /// The Content-Type it is served with.
        var contentType: String {
            switch self {
            case .png: return "image/png"
            case .raster: return "image/tiff"
            case .csv: return "text/csv; charset=utf-8"
            case .text: return "text/plain; charset=utf-8"
            case .other: return "application/octet-stream"
            }
        }
    }

    let name: String
    /// The recorded path made absolute (against the run directory) and resolved.
    let path: String
    let kind: Kind
    /// Inside the run directory or a data root.
    let servable: Bool

    /// The size of the file, nil when it is missing or not a regular file.
    var size: Int? {
        guard let a = try? FileManager.default.attributesOfItem(atPath: path),
              a[.type] as? FileAttributeType == .typeRegular else { return nil }
        return (a[.size] as? NSNumber)?.intValue
    }

    /// Modification time, nil when missing.
    var modified: Date? { (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date }
}
