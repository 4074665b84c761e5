import Foundation
import GeoSupport
import Grid
import Raster

/// Writes one site × variable: a GeoTIFF with one band per acquisition (band description = the
/// ISO date, `ACQUISITION_TIME` band metadata = the full time) and the seed's CSV
/// `date,year,doy,latitude,longitude,<VAR>,pixel_id,x,y` (kept cells only; `pixel_id` is the
/// 0-based row-major cell index, x/y the cell centre in the target CRS, latitude/longitude in WGS 84).
public struct SiteOutput {
    public let site: Site
    public let variable: String
    /// Every grid of the site × variable (several per time where tiles are adjacent).
    public let grids: [SiteGrid]
    /// The target CRS (WKT).
    public let targetWKT: String
    /// Metadata written into the GeoTIFF (e.g. the writer's provenance).
    public let metadata: [String: String]

    public init(site: Site, variable: String, grids: [SiteGrid], targetWKT: String, metadata: [String: String]) {
        self.site = site
        self.variable = variable
        self.grids = grids
        self.targetWKT = targetWKT
        self.metadata = metadata
    }

    /// Writes the GeoTIFF then the CSV, each atomically. Returns false when no grid covers the site: then only
    /// a header-only CSV is written, no GeoTIFF.
    @discardableResult
    public func write(tif: String, csv: String) throws -> Bool {
        let byTime = Dictionary(grouping: grids, by: \.acquired).values.map(SiteGrid.merged).sorted { $0.acquired < $1.acquired }
        guard let first = byTime.first else {
            try writeCSV(csv, [])
            return false
        }
        let georef = Georeference(geoTransform: first.geoTransform, crsWKT: targetWKT)
        let out = try RasterOutput(path: tif, width: first.cells.width, height: first.cells.height, bandCount: byTime.count,
                                   dataType: .float32, georeference: georef)
        for (k, v) in metadata.sorted(by: { $0.key < $1.key }) { try out.dataset.setMetadataItem(k, v) }
        for (i, g) in byTime.enumerated() {
            let band = try out.dataset.band(i + 1)
            try band.setNodata(.nan)
            band.setDescription(g.acquired.isoDate)
            try band.setMetadataItem("ACQUISITION_TIME", g.acquired.iso8601)
            try band.write(g.cells.map(nodata: Float.nan) { Float($0) })
        }
        try out.commit()
        try writeCSV(csv, byTime)
        return true
    }

    /// The CSV's header row.
    public static func csvHeader(variable: String) -> [String] {
        ["date", "year", "doy", "latitude", "longitude", variable, "pixel_id", "x", "y"]
    }

    private func writeCSV(_ path: String, _ byTime: [SiteGrid]) throws {
        let (w, h) = byTime.first.map { ($0.cells.width, $0.cells.height) } ?? (0, 0)
        var xs: [Double] = [], ys: [Double] = []
        for r in 0..<h { for c in 0..<w { let p = byTime[0].geoTransform.center(col: c, row: r); xs.append(p.x); ys.append(p.y) } }
        let lonlat = try PointSet(xs: xs, ys: ys, crsDefinition: targetWKT).projected(to: SpatialReference.wgs84().wkt, path: path)
        let writer = try CSVWriter(path: path)
        do {
            try writer.write(Self.csvHeader(variable: variable))
            for g in byTime {
                let t = g.acquired
                for i in 0..<(w * h) where !g.cells.values[i].isNaN {
                    try writer.write([t.isoDate, String(t.year), String(t.dayOfYear), String(lonlat.ys[i]), String(lonlat.xs[i]),
                                      Float(g.cells.values[i]).description, String(i), String(xs[i]), String(ys[i])])
                }
            }
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }
}
