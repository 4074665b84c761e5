import Foundation
import Grid

/// The size of one grid cell, `dx` (east–west) and `dy` (north–south), both positive.
///
/// For hydrology and erosion the values must be in **metres** (areas in m², slopes in m/m).
/// Pixels need not be square: every algorithm uses `dx` and `dy` separately
/// (D8 distances |dx|, |dy|, √(dx² + dy²); Horn gradients; cell area dx·dy).
/// For reproducing another tool bit for bit (e.g. pysheds on a geographic DEM) the values may be
/// the geotransform's own units: only ratios matter for flow directions.
public struct CellGeometry: Sendable, Hashable {
    /// Cell width (east–west), > 0.
    public let dx: Double
    /// Cell height (north–south), > 0.
    public let dy: Double

    /// - Throws: `ErosionError.invalidParameter` when a size is not finite and positive.
    public init(dx: Double, dy: Double) throws {
        guard dx.isFinite, dx > 0 else { throw ErosionError.invalidParameter(name: "dx", reason: "cell width must be finite and > 0, got \(dx)") }
        guard dy.isFinite, dy > 0 else { throw ErosionError.invalidParameter(name: "dy", reason: "cell height must be finite and > 0, got \(dy)") }
        self.dx = dx
        self.dy = dy
    }

    /// Cell sizes taken from a north-up geotransform, in its own units: dx = |pixelWidth|, dy = |pixelHeight|.
    /// Use for projected CRSs in metres (or to mimic a tool that works in CRS units).
    public init(transform: GeoTransform) throws {
        guard transform.rowRotation == 0, transform.colRotation == 0 else {
            throw ErosionError.invalidParameter(name: "geotransform", reason: "rotated rasters are not supported")
        }
        try self.init(dx: abs(transform.pixelWidth), dy: abs(transform.pixelHeight))
    }

    /// Metric cell sizes of a geographic (degree) geotransform evaluated at latitude `latitude`
    /// (degrees; callers pass the DEM's centre latitude). Uses the WGS84 ellipsoid:
    /// metres per degree of latitude  = π·a(1−e²) / (180·(1 − e² sin²φ)^{3/2}),
    /// metres per degree of longitude = π·a·cos φ / (180·(1 − e² sin²φ)^{1/2}),
    /// a = 6 378 137 m, e² = 0.006 694 379 990 14. The distortion away from the centre latitude is ignored
    /// (≈ 0.3 % per degree of latitude of extent).
    public static func geographic(transform: GeoTransform, latitude: Double) throws -> CellGeometry {
        guard abs(latitude) < 90 else { throw ErosionError.invalidParameter(name: "latitude", reason: "must be within (−90, 90), got \(latitude)") }
        let a = 6_378_137.0, e2 = 0.006_694_379_990_14
        let phi = latitude * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        let mLat = Double.pi * a * (1 - e2) / (180 * pow(w, 1.5))
        let mLon = Double.pi * a * cos(phi) / (180 * w.squareRoot())
        return try CellGeometry(dx: abs(transform.pixelWidth) * mLon, dy: abs(transform.pixelHeight) * mLat)
    }

    /// Cell area dx·dy (m² when dx, dy are metres).
    @inlinable public var area: Double { dx * dy }
    /// Diagonal distance √(dx² + dy²).
    @inlinable public var diagonal: Double { (dx * dx + dy * dy).squareRoot() }
    /// Representative cell length √(dx·dy) (= dx for square cells), used as the flow width and the
    /// grid spacing D of the LS factor.
    @inlinable public var length: Double { (dx * dy).squareRoot() }

    /// Distances to the eight neighbours in `D8.scanOrder` (N, NE, E, SE, S, SW, W, NW).
    public var neighbourDistances: [Double] {
        let d = diagonal
        return [dy, d, dx, d, dy, d, dx, d]
    }
}
