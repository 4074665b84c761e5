import GeoSupport
import Foundation
import Grid
import Raster

/// Writes geotool's test fixtures deterministically: the same bytes on every run, so the
/// committed files can be checked against a fresh regeneration.
struct FixtureGenerator {
    let directory: String

    /// The UTM 33N DEM's georeferencing: 256 × 256 pixels of 30 m.
    static let demGeoTransform = GeoTransform(originX: 600_000, pixelWidth: 30, originY: 5_110_000, pixelHeight: -30)
    /// The ECOSTRESS-style tiles: 128 × 128 pixels of 70 m, overlapping the DEM.
    static let ecostressGeoTransform = GeoTransform(originX: 599_500, pixelWidth: 70, originY: 5_111_000, pixelHeight: -70)

    static let ecostressScenes = [
        (orbit: "28547", scene: "005", time: "20230712T101322", seed: UInt64(11)),
        (orbit: "28912", scene: "011", time: "20230805T134511", seed: UInt64(12)),
    ]

    func generateAll() throws {
        try writeUTMDEM()
        try writeGeographicDEM()
        for s in Self.ecostressScenes {
            try writeEcostressTile(orbit: s.orbit, scene: s.scene, time: s.time, seed: s.seed)
        }
        try writeAppEEARSFile()
        try writePoints()
    }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// Smooth synthetic terrain in metres for normalised coordinates u, v ∈ [0, 1].
    static func terrain(_ u: Double, _ v: Double) -> Double {
        let hill = 180 * exp(-((u - 0.35) * (u - 0.35) + (v - 0.4) * (v - 0.4)) / 0.04)
        let ridge = 60 * sin(3 * u + 1) * cos(2.5 * v)
        let valley = -40 * exp(-((u - v) * (u - v)) / 0.01)
        return 420 + hill + ridge + valley + 90 * (1 - v)
    }

    /// 256×256 Float32 DEM in UTM 33N (EPSG:32633), nodata −9999 with a nodata patch and pits.
    func writeUTMDEM() throws {
        var rng = SplitMix64(seed: 1)
        var g = Grid<Float>(width: 256, height: 256, nodata: -9999) { c, r in
            Float(Self.terrain(Double(c) / 255, Double(r) / 255))
        }
        for i in 0..<g.count { g.values[i] += Float(rng.unit() * 0.5) }
        // Pits: single cells and a small closed depression.
        for (c, r) in [(40, 60), (120, 130), (200, 90), (77, 180), (150, 30)] { g[col: c, row: r] -= 6 }
        for r in 100..<106 { for c in 180..<186 { g[col: c, row: r] -= 4 } }
        // A nodata patch (e.g. a lake masked out).
        for r in 200..<224 { for c in 20..<60 { g[col: c, row: r] = -9999 } }
        try RasterFile.write(g, to: path("dem_utm33n.tif"),
                             georeference: Georeference(geoTransform: Self.demGeoTransform, crsWKT: try wkt(32633)),
                             creationOptions: ["BLOCKXSIZE": "128", "BLOCKYSIZE": "128", "PREDICTOR": "3"],
                             metadata: ["GEOTOOL_FIXTURE": "synthetic DEM with pits and a nodata patch"])
    }

    /// 200×150 Int16 DEM in EPSG:4326, nodata −32768.
    func writeGeographicDEM() throws {
        var g = Grid<Int16>(width: 200, height: 150, nodata: -32768) { c, r in
            Int16(Self.terrain(Double(c) / 199, Double(r) / 149).rounded())
        }
        for r in 10..<20 { for c in 150..<170 { g[col: c, row: r] = -32768 } }
        let gt = GeoTransform(originX: 16.25, pixelWidth: 0.0005, originY: 46.12, pixelHeight: -0.0005)
        try RasterFile.write(g, to: path("dem_wgs84_int16.tif"),
                             georeference: Georeference(geoTransform: gt, crsWKT: try wkt(4326)),
                             creationOptions: ["TILED": "NO", "PREDICTOR": "2"])
    }

    /// One ECOSTRESS Collection 2 L2T LSTE scene: LST (Float32 K, NaN nodata), QC (UInt16),
    /// cloud and water (UInt8 0/1, nodata 255), as DEFLATE COGs with 64-pixel blocks.
    func writeEcostressTile(orbit: String, scene: String, time: String, seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let n = 128
        let base = "ECOv002_L2T_LSTE_\(orbit)_\(scene)_33TWL_\(time)_0710_01_"
        let georef = Georeference(geoTransform: Self.ecostressGeoTransform, crsWKT: try wkt(32633))
        var lst = Grid<Float>(width: n, height: n, repeating: .nan, nodata: .nan)
        var qc = Grid<UInt16>(width: n, height: n, repeating: 0)
        var cloud = Grid<UInt8>(width: n, height: n, repeating: 0, nodata: 255)
        var water = Grid<UInt8>(width: n, height: n, repeating: 0, nodata: 255)
        let warm = Double(seed % 2) * 4
        for r in 0..<n {
            for c in 0..<n {
                let u = Double(c) / Double(n - 1), v = Double(r) / Double(n - 1)
                let notProduced = c + r < 12 || (r > 110 && c > 100)       // swath edge
                let isCloud = pow(u - 0.7, 2) + pow(v - 0.3, 2) < 0.012
                let isWater = pow(u - 0.2, 2) + pow(v - 0.75, 2) < 0.004
                let value = 300 + warm - Self.terrain(u, v) * 0.0065 * 3 + rng.unit() * 0.8
                var flag: UInt16 = rng.unit() < 0.75 ? 0 : 1                  // best / nominal
                if isCloud { flag = 2 }
                if notProduced { flag = 3 }
                // Bits 2-3 data quality, 4-5 cloud/ocean flag, 14-15 LST accuracy (realistic filler).
                let dataQuality = UInt16(rng.next() % 3) << 2
                let accuracy = UInt16(1 + rng.next() % 3) << 14
                qc[col: c, row: r] = notProduced ? 0xFFFF : flag | dataQuality | accuracy
                if !notProduced {
                    lst[col: c, row: r] = Float(isCloud ? value - 20 : value)
                    cloud[col: c, row: r] = isCloud ? 1 : 0
                    water[col: c, row: r] = isWater ? 1 : 0
                } else {
                    cloud[col: c, row: r] = 255
                    water[col: c, row: r] = 255
                }
            }
        }
        let cog: [String: String] = ["BLOCKSIZE": "64"]
        try RasterFile.write(lst, to: path(base + "LST.tif"), georeference: georef, format: .cog, creationOptions: cog)
        try RasterFile.write(qc, to: path(base + "QC.tif"), georeference: georef, format: .cog, creationOptions: cog)
        try RasterFile.write(cloud, to: path(base + "cloud.tif"), georeference: georef, format: .cog, creationOptions: cog)
        try RasterFile.write(water, to: path(base + "water.tif"), georeference: georef, format: .cog, creationOptions: cog)
    }

    /// A Collection 1 / AppEEARS-style LST file (geographic, 64×64, NaN nodata).
    func writeAppEEARSFile() throws {
        var rng = SplitMix64(seed: 21)
        let g = Grid<Float>(width: 64, height: 64, nodata: .nan) { c, r in
            c > 56 && r < 6 ? .nan : Float(298 + Double(c) * 0.05 - Double(r) * 0.03 + rng.unit())
        }
        let gt = GeoTransform(originX: 16.26, pixelWidth: 0.001, originY: 46.114, pixelHeight: -0.001)
        try RasterFile.write(g, to: path("ECO_L2T_LSTE.002_LST_doy2023193101322_aid0001_33N.tif"),
                             georeference: Georeference(geoTransform: gt, crsWKT: try wkt(4326)))
    }

    /// Points (id, lon, lat): inside the DEM (some in its nodata patch), inside only the
    /// ECOSTRESS tiles, and far outside every raster.
    func writePoints() throws {
        let ct = try CoordinateTransform(from: SpatialReference(epsg: 32633), to: .wgs84())
        let gt = Self.demGeoTransform
        let pixels: [(String, Double, Double)] = [
            ("p01", 10.5, 10.5), ("p02", 128.5, 128.5), ("p03", 200.25, 60.75), ("p04", 40.5, 210.5),
            ("p05", 250.9, 5.1), ("p06", 64.5, 64.5), ("p07", 180.5, 240.5), ("p08", 3.5, 200.5),
            ("p09", 263.0, 128.0),  // east of the DEM, inside the ECOSTRESS tiles
        ]
        var rows = [["id", "lon", "lat"]]
        for (id, c, r) in pixels {
            let w = gt.world(col: c, row: r)
            guard let ll = ct.transform(x: w.x, y: w.y) else { continue }
            rows.append([id, String(format: "%.7f", ll.x), String(format: "%.7f", ll.y)])
        }
        rows.append(["p10", "0.0000000", "0.0000000"])      // Gulf of Guinea: outside everything
        rows.append(["p11", "-120.5000000", "38.2500000"])   // outside everything
        try AtomicFile.write(to: path("points.csv")) { tmp in
            try CSVWriter.text(rows).write(toFile: tmp, atomically: false, encoding: .utf8)
        }
    }

    private func wkt(_ epsg: Int) throws -> String { try SpatialReference(epsg: epsg).wkt1 }
}
