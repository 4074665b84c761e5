import Foundation
import GeoSupport
import Raster

/// A site of an ECOSTRESS regrid: a name and a WGS 84 bounding box (degrees).
public struct Site: Sendable, Equatable {
    /// The site's name; it names the outputs, so it is a plain file name (`PathComponent`).
    public let name: String
    /// The box's edges (degrees, WGS 84).
    public let west: Double, south: Double, east: Double, north: Double

    /// A site; `name` is taken as given (`load` checks the names it reads).
    public init(name: String, west: Double, south: Double, east: Double, north: Double) {
        self.name = name
        (self.west, self.south, self.east, self.north) = (west, south, east, north)
    }

    /// Reads sites from CSV (columns `site` or `name`, `west`, `south`, `east`, `north`) or YAML
    /// (a list of mappings with the same keys, optionally under a top-level `sites:` key).
    /// Errors are one line naming the file (and line/column or site) — `CSVError`.
    public static func load(_ path: String) throws -> [Site] {
        let sites = path.lowercased().hasSuffix(".yaml") || path.lowercased().hasSuffix(".yml")
            ? try loadYAML(path) : try loadCSV(path)
        guard !sites.isEmpty else { throw CSVError(path: path, "defines no sites") }
        for s in sites where !(s.west < s.east && s.south < s.north) {
            throw CSVError(path: path, column: s.name, "site box must have west < east and south < north")
        }
        guard Set(sites.map(\.name)).count == sites.count else { throw CSVError(path: path, "site names must be unique") }
        return sites
    }

    private static func loadCSV(_ path: String) throws -> [Site] {
        let t = try CSVTable(path: path)
        let nameColumn = try (try? t.column(named: "site")) ?? t.column(named: "name")
        let cols = try ["west", "south", "east", "north"].map { try t.column(named: $0) }
        return try t.rows.indices.map { r in
            let v = try cols.map { try t.double(row: r, column: $0) }
            let name = try checkedName(t.rows[r][nameColumn], path: path, line: t.lineNumbers[r], column: t.header[nameColumn])
            return Site(name: name, west: v[0], south: v[1], east: v[2], north: v[3])
        }
    }

    private static func loadYAML(_ path: String) throws -> [Site] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CSVError(path: path, "cannot read")
        }
        let root: Any?
        do { root = try YAMLDocument.load(text) } catch { throw CSVError(path: path, "invalid YAML: \(error)") }
        let list = ((root as? [String: Any])?["sites"] ?? root) as? [[String: Any]]
        guard let list else { throw CSVError(path: path, "expected a list of sites (name, west, south, east, north)") }
        return try list.enumerated().map { i, item in
            func number(_ key: String) throws -> Double {
                if let d = item[key] as? Double { return d }
                if let n = item[key] as? Int { return Double(n) }
                throw CSVError(path: path, column: key, "site \(i + 1): missing or not a number")
            }
            guard let name = (item["name"] ?? item["site"]).map({ "\($0)" }) else {
                throw CSVError(path: path, column: "name", "site \(i + 1): missing")
            }
            return Site(name: try checkedName(name, path: path, site: i + 1), west: try number("west"), south: try number("south"),
                        east: try number("east"), north: try number("north"))
        }
    }

    /// A site name as found in the file, which must be usable as a file name (`PathComponent`): it names
    /// the outputs `<site>_<VAR>.csv/.tif` in the output directory, so `../x` or `a/b` would write elsewhere.
    /// Throws naming the file, the line (CSV) or the site's position (YAML), and the name.
    private static func checkedName(_ name: String, path: String, line: Int? = nil, column: String = "name",
                                    site: Int? = nil) throws -> String {
        do {
            return try PathComponent(name).name
        } catch {
            let which = site.map { "site \($0): " } ?? ""
            throw CSVError(path: path, line: line, column: column,
                           "\(which)site name \(error); site names become output file names")
        }
    }

    /// The box in the CRS `wkt` (edges densified), grown outward to multiples of the resolution,
    /// so every date of a site lands on the same grid.
    public func extent(in wkt: String, resolutionX rx: Double, resolutionY ry: Double) throws
        -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var xs: [Double] = [], ys: [Double] = []
        for i in 0...8 {
            let f = Double(i) / 8
            xs += [west + f * (east - west), west + f * (east - west), west, east]
            ys += [south, north, south + f * (north - south), south + f * (north - south)]
        }
        let p = try PointSet(xs: xs, ys: ys, crsDefinition: "EPSG:4326").projected(to: wkt, path: name)
        let px = p.xs.filter(\.isFinite), py = p.ys.filter(\.isFinite)
        guard let x0 = px.min(), let x1 = px.max(), let y0 = py.min(), let y1 = py.max() else {
            throw RasterError(.transform, path: name, "site box cannot be transformed to the target CRS")
        }
        return ((x0 / rx).rounded(.down) * rx, (y0 / ry).rounded(.down) * ry,
                (x1 / rx).rounded(.up) * rx, (y1 / ry).rounded(.up) * ry)
    }
}
