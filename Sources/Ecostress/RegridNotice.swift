/// Something a regrid tells its caller without failing (a CLI prints it on stderr).
public enum RegridNotice: Sendable, Equatable, CustomStringConvertible {
    /// Every site output of the variable is complete: it is not redone.
    case variableComplete(String)
    /// A file was left out (e.g. it lacks a companion layer the mask needs); the reason, one line.
    case fileSkipped(String)
    /// No file covers the site: a header-only CSV and no GeoTIFF were written.
    case siteNotCovered(site: String, variable: String)

    public var description: String {
        switch self {
        case .variableComplete(let v): return "regrid \(v): all site outputs exist, skipped"
        case .fileSkipped(let reason): return "regrid: skipped \(reason)"
        case let .siteNotCovered(site, v): return "regrid \(site) \(v): no file covers the site (header-only CSV, no GeoTIFF)"
        }
    }
}
