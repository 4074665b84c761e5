/// Errors thrown by the Erosion module. Every case renders as one descriptive line naming the
/// factor, grid or field at fault and why (see `description`).
public enum ErosionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A grid's size differs from the DEM's: `what` names the grid (e.g. "factor K (k.tif)").
    case sizeMismatch(what: String, expectedWidth: Int, expectedHeight: Int, width: Int, height: Int)
    /// A parameter is out of its valid range (e.g. a negative cell size or exponent).
    case invalidParameter(name: String, reason: String)
    /// A scenario definition is invalid (unknown factor key, duplicate name, missing base factor …).
    case invalidScenario(field: String, reason: String)
    /// A factor refers to a raster that the caller did not supply.
    case missingRaster(factor: String, path: String)
    /// The grid is empty or has no valid cells.
    case emptyGrid(what: String)

    public var description: String {
        switch self {
        case let .sizeMismatch(what, ew, eh, w, h):
            return "\(what) is \(w)×\(h) pixels but the DEM is \(ew)×\(eh)"
        case let .invalidParameter(name, reason):
            return "invalid parameter \(name): \(reason)"
        case let .invalidScenario(field, reason):
            return "invalid scenario field \(field): \(reason)"
        case let .missingRaster(factor, path):
            return "factor \(factor) refers to raster \(path), which was not loaded"
        case let .emptyGrid(what):
            return "\(what) has no valid cells"
        }
    }
}

extension ErosionError: CustomDebugStringConvertible {
    public var debugDescription: String { description }
}
