import Foundation
import Grid

/// Analytical hillshade as `gdaldem hillshade` computes it (Horn 1981 gradient, default
/// azimuth 315°, altitude 45°, z factor 1): shade = sin(alt) − (∂z/∂y'·cos(az) − ∂z/∂x'·sin(az))·cos(alt)
/// normalised by √(1 + |∇z|²), scaled as GDAL does to 1…255 and returned here divided by 255.
/// Edges and nodata neighbours use the centre value (like `-compute_edges`); nodata pixels get NaN.
/// `scale` is gdaldem's `-s` (z units per horizontal unit's length: 1 for metres, ~111320 for degrees
/// with metre elevations); with `aspectRatio` = 1/cos(latitude) the east–west pixel size is
/// shortened by cos(latitude) as on the ground.
public enum Hillshade {
    public static func compute(_ grid: Grid<Double>, geoTransform: GeoTransform?, azimuth: Double = 315,
                               altitude: Double = 45, zFactor: Double = 1, scale: Double = 1,
                               aspectRatio: Double = 1) -> [Float] {
        let w = grid.width, h = grid.height
        guard w > 0, h > 0 else { return [] }
        let gt = geoTransform ?? GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: -1)
        let ewres = gt.pixelWidth * scale / aspectRatio, nsres = gt.pixelHeight * scale   // nsres < 0 for north-up, as in GDAL
        let rad = Double.pi / 180
        let sinAlt = sin(altitude * rad), cosAltZ = cos(altitude * rad) * zFactor
        let cosAz = cos(azimuth * rad), sinAz = sin(azimuth * rad)
        let zz = zFactor * zFactor
        var out = [Float](repeating: .nan, count: w * h)
        grid.values.withUnsafeBufferPointer { z in
            func valid(_ v: Double) -> Bool { v.isFinite && v != grid.nodata }
            for r in 0..<h {
                for c in 0..<w {
                    let z0 = z[r * w + c]
                    guard valid(z0) else { continue }
                    func at(_ dr: Int, _ dc: Int) -> Double {
                        let rr = r + dr, cc = c + dc
                        guard rr >= 0, rr < h, cc >= 0, cc < w else { return z0 }
                        let v = z[rr * w + cc]
                        return valid(v) ? v : z0
                    }
                    let a = at(-1, -1), b = at(-1, 0), cc = at(-1, 1)
                    let d = at(0, -1), f = at(0, 1)
                    let g = at(1, -1), hh = at(1, 0), i = at(1, 1)
                    let x = ((a + 2 * d + g) - (cc + 2 * f + i)) / (8 * ewres)
                    let y = ((g + 2 * hh + i) - (a + 2 * b + cc)) / (8 * nsres)
                    let cang = (sinAlt - (y * cosAz * cosAltZ - x * sinAz * cosAltZ)) / (1 + zz * (x * x + y * y)).squareRoot()
                    out[r * w + c] = Float((cang <= 0 ? 1 : 1 + 254 * cang) / 255)
                }
            }
        }
        return out
    }
}
