import Ecostress
import GeoSupport
import Raster

/// Writes extraction results as CSV, long (one row per point × raster × band) or wide (one row
/// per point, a value and a status column per raster × band).
public struct ExtractWriter {
    /// long: one row per point × raster × band; wide: one row per point.
    public enum Layout: String, CaseIterable, Sendable { case long, wide }

    public let points: PointTable
    public let results: [RasterExtraction]

    public init(points: PointTable, results: [RasterExtraction]) {
        self.points = points
        self.results = results
    }

    /// Writes the header and every row to `csv` (the caller commits or discards it).
    public func write(_ layout: Layout, to csv: CSVWriter) throws {
        switch layout {
        case .long: try writeLong(csv)
        case .wide: try writeWide(csv)
        }
    }

    private func writeLong(_ csv: CSVWriter) throws {
        let withEcostress = results.contains { $0.ecostress != nil }
        try csv.write([points.idName, points.xName, points.yName, "file", "band", "col", "row", "value", "status"]
                      + (withEcostress ? EcostressColumns.header : []))
        // A point's id and coordinates are the same in every raster's rows: encode them once.
        let pointPrefixes = (0..<points.count).map { CSVWriter.encode([points.ids[$0], points.xTexts[$0], points.yTexts[$0]]) }
        for r in results {
            let file = r.path.split(separator: "/").last.map(String.init) ?? r.path
            let extra = withEcostress ? EcostressColumns.fields(r.ecostress) : []
            for (b, band) in r.samples.bands.enumerated() {
                let bandText = String(band)
                for p in 0..<points.count {
                    let px = r.samples.pixels[p]
                    try csv.write(prefix: pointPrefixes[p],
                                  [file, bandText, px.map { String($0.col) } ?? "", px.map { String($0.row) } ?? "",
                                   RasterExtraction.format(r.samples.value(band: b, point: p), type: r.samples.dataTypes[b]),
                                   r.samples.statuses[b][p].rawValue] + extra)
                }
            }
        }
    }

    private func writeWide(_ csv: CSVWriter) throws {
        var header = [points.idName, points.xName, points.yName]
        for r in results {
            for band in r.samples.bands {
                let label = r.samples.bands.count > 1 ? "\(r.label)_b\(band)" : r.label
                header += [label, label + "_status"]
            }
        }
        try csv.write(header)
        for p in 0..<points.count {
            var row = [points.ids[p], points.xTexts[p], points.yTexts[p]]
            for r in results {
                for b in r.samples.bands.indices {
                    row.append(RasterExtraction.format(r.samples.value(band: b, point: p), type: r.samples.dataTypes[b]))
                    row.append(r.samples.statuses[b][p].rawValue)
                }
            }
            try csv.write(row)
        }
    }
}
