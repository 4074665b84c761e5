import Foundation
import Grid

/// The size of the grid cells, `dx` (east–west) and `dy` (north–south), both positive: one size for the
/// whole grid (projected DEMs) or one per row (geographic DEMs, whose east–west size shrinks with latitude).
///
/// For hydrology and erosion the values must be in **metres** (areas in m², slopes in m/m).
/// Pixels need not be square: every algorithm uses `dx` and `dy` separately
/// (D8 distances |dx|, |dy|, √(dx² + dy²); Horn gradients; cell area dx·dy), and takes them per row
/// (`dx(row:)`, `dy(row:)`, …), so per-row sizes reach every kernel.
/// For reproducing another tool bit for bit (e.g. pysheds on a geographic DEM) the values may be
/// the geotransform's own units: only ratios matter for flow directions.
public struct CellGeometry: Sendable, Hashable {
    /// Cell width (east–west), > 0: the size of every row, or of the centre row when sizes vary by row.
    public let dx: Double
    /// Cell height (north–south), > 0: the size of every row, or of the centre row when sizes vary by row.
    public let dy: Double
    /// Per-row cell widths (index = row), empty when every row has size `dx`.
    public let rowDx: [Double]
    /// Per-row cell heights (index = row), empty when every row has size `dy`.
    public let rowDy: [Double]

    /// One size for every cell.
    /// - Throws: `ErosionError.invalidParameter` when a size is not finite and positive.
    public init(dx: Double, dy: Double) throws {
        try Self.check(dx, dy)
        self.dx = dx
        self.dy = dy
        rowDx = []
        rowDy = []
    }

    /// Sizes per row (`rowDx.count == rowDy.count` = the grid's height, at least 1).
    /// - Throws: `ErosionError.invalidParameter` for an empty or unequal list or a size that is not finite and positive.
    public init(rowDx: [Double], rowDy: [Double]) throws {
        guard !rowDx.isEmpty, rowDx.count == rowDy.count else {
            throw ErosionError.invalidParameter(name: "row sizes", reason: "need one dx and one dy per row, got \(rowDx.count) and \(rowDy.count)")
        }
        for (x, y) in zip(rowDx, rowDy) { try Self.check(x, y) }
        let centre = rowDx.count / 2
        dx = rowDx[centre]
        dy = rowDy[centre]
        self.rowDx = rowDx
        self.rowDy = rowDy
    }

    private static func check(_ dx: Double, _ dy: Double) throws {
        guard dx.isFinite, dx > 0 else { throw ErosionError.invalidParameter(name: "dx", reason: "cell width must be finite and > 0, got \(dx)") }
        guard dy.isFinite, dy > 0 else { throw ErosionError.invalidParameter(name: "dy", reason: "cell height must be finite and > 0, got \(dy)") }
    }

    /// Cell sizes taken from a north-up geotransform, in its own units: dx = |pixelWidth|, dy = |pixelHeight|.
    /// Use for projected CRSs in metres (or to mimic a tool that works in CRS units).
    public init(transform: GeoTransform) throws {
        guard transform.rowRotation == 0, transform.colRotation == 0 else {
            throw ErosionError.invalidParameter(name: "geotransform", reason: "rotated rasters are not supported")
        }
        try self.init(dx: abs(transform.pixelWidth), dy: abs(transform.pixelHeight))
    }

    /// WGS84 semi-major axis (m) and first eccentricity squared (NIMA TR8350.2).
    static let wgs84A = 6_378_137.0, wgs84E2 = 0.006_694_379_990_14

    /// Metres per degree of longitude and of latitude at latitude `latitude` (degrees) on WGS84:
    /// π·a·cos φ / (180·(1 − e² sin²φ)^{1/2}) (the parallel's radius) and π·a(1−e²) / (180·(1 − e² sin²φ)^{3/2})
    /// (the meridian's radius of curvature).
    public static func metresPerDegree(latitude: Double) -> (longitude: Double, latitude: Double) {
        let a = wgs84A, e2 = wgs84E2
        let phi = latitude * .pi / 180
        let w = 1 - e2 * sin(phi) * sin(phi)
        return (Double.pi * a * cos(phi) / (180 * w.squareRoot()), Double.pi * a * (1 - e2) / (180 * pow(w, 1.5)))
    }

    /// Metric cell sizes of a geographic (degree) geotransform, all rows evaluated at latitude `latitude`
    /// (degrees) on the WGS84 ellipsoid (`metresPerDegree`). Prefer `geographic(transform:height:)`.
    public static func geographic(transform: GeoTransform, latitude: Double) throws -> CellGeometry {
        guard abs(latitude) < 90 else { throw ErosionError.invalidParameter(name: "latitude", reason: "must be within (−90, 90), got \(latitude)") }
        let m = metresPerDegree(latitude: latitude)
        return try CellGeometry(dx: abs(transform.pixelWidth) * m.longitude, dy: abs(transform.pixelHeight) * m.latitude)
    }

    /// Metric cell sizes of a geographic (degree) north-up geotransform, **per row**: row r's sizes are taken
    /// at the latitude of its centre, φ_r = originY + (r + ½)·pixelHeight, on WGS84 (`metresPerDegree`):
    /// dx_r is the length of the cell's centre parallel (exact), dy_r = M(φ_r)·Δφ (the meridian arc to
    /// second order: relative error ≈ e²Δφ²/8, < 1e-6 for cells under 1°).
    /// - Throws: `ErosionError.invalidParameter` for a rotated transform or a row at or beyond a pole.
    public static func geographic(transform: GeoTransform, height: Int) throws -> CellGeometry {
        guard transform.rowRotation == 0, transform.colRotation == 0 else {
            throw ErosionError.invalidParameter(name: "geotransform", reason: "rotated rasters are not supported")
        }
        guard height > 0 else { throw ErosionError.invalidParameter(name: "height", reason: "must be > 0, got \(height)") }
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(height); ys.reserveCapacity(height)
        for r in 0..<height {
            let latitude = transform.originY + (Double(r) + 0.5) * transform.pixelHeight
            guard abs(latitude) < 90 else {
                throw ErosionError.invalidParameter(name: "latitude", reason: "row \(r) lies at \(latitude)°, outside (−90, 90)")
            }
            let m = metresPerDegree(latitude: latitude)
            xs.append(abs(transform.pixelWidth) * m.longitude)
            ys.append(abs(transform.pixelHeight) * m.latitude)
        }
        return try CellGeometry(rowDx: xs, rowDy: ys)
    }

    /// Whether every row has the same size.
    @inlinable public var isUniform: Bool { rowDx.isEmpty }

    /// Cell width of row `row`.
    @inlinable public func dx(row: Int) -> Double { rowDx.isEmpty ? dx : rowDx[row] }
    /// Cell height of row `row`.
    @inlinable public func dy(row: Int) -> Double { rowDy.isEmpty ? dy : rowDy[row] }
    /// Cell area dx·dy of row `row` (m² when dx, dy are metres).
    @inlinable public func area(row: Int) -> Double { dx(row: row) * dy(row: row) }
    /// Representative cell length √(dx·dy) of row `row` (flow width and LS grid spacing D).
    @inlinable public func length(row: Int) -> Double { (dx(row: row) * dy(row: row)).squareRoot() }

    /// Cell area dx·dy of the uniform (or centre-row) size.
    @inlinable public var area: Double { dx * dy }
    /// Diagonal distance √(dx² + dy²) of the uniform (or centre-row) size.
    @inlinable public var diagonal: Double { (dx * dx + dy * dy).squareRoot() }
    /// Representative cell length √(dx·dy) (= dx for square cells) of the uniform (or centre-row) size.
    @inlinable public var length: Double { (dx * dy).squareRoot() }

    /// Distances to the eight neighbours in `D8.scanOrder` (N, NE, E, SE, S, SW, W, NW) of the uniform
    /// (or centre-row) size.
    public var neighbourDistances: [Double] {
        let d = diagonal
        return [dy, d, dx, d, dy, d, dx, d]
    }

    /// Neighbour distances of every row, flattened: entry `8·row + k` is the distance from a cell of `row`
    /// to its neighbour k in scan order (that row's dx, dy and √(dx² + dy²)).
    public func neighbourDistanceTable(rows: Int) -> [Double] {
        var t = [Double]()
        t.reserveCapacity(8 * rows)
        for r in 0..<rows {
            let x = dx(row: r), y = dy(row: r), d = (x * x + y * y).squareRoot()
            t.append(contentsOf: [y, d, x, d, y, d, x, d])
        }
        return t
    }
}
