import ArgumentParser
import Ecostress
import Foundation

/// `geotool ecostress scan DIR`: products, layers, dates and tiles found; missing layers flagged.
struct EcostressScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "List the ECOSTRESS products, layers, dates and tiles in a directory; flag missing companion layers.")

    @Argument(help: "Directory to scan (recursively).")
    var directory: String

    @Flag(help: "Machine-readable output (JSON).")
    var json = false

    func run() throws {
        let catalog = try EcostressCatalog(directory: directory)
        print(json ? try jsonReport(catalog) : textReport(catalog))
    }

    private func textReport(_ c: EcostressCatalog) -> String {
        var lines = [
            "products: \(c.products.joined(separator: ", "))",
            "layers: \(c.layers.joined(separator: ", "))",
            "tiles: \(c.tiles.joined(separator: ", "))",
            "dates: \(c.dates.count)" + (c.dates.isEmpty ? "" : " (\(c.dates.first!) … \(c.dates.last!))"),
            "granules: \(c.granules.count)",
        ]
        for g in c.granules {
            let n = g.name
            var line = "  \(n.acquired.iso8601)  \(n.product)  \(n.tile ?? "-")"
            if let o = n.orbit, let s = n.scene { line += "  orbit \(o) scene \(s)" }
            line += "  layers \(g.layers.joined(separator: ","))"
            if !g.missing.isEmpty { line += "  MISSING \(g.missing.joined(separator: ","))" }
            lines.append(line)
        }
        if !c.unrecognized.isEmpty {
            lines.append("not ECOSTRESS: \(c.unrecognized.count) file(s)")
            lines += c.unrecognized.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    private struct GranuleReport: Encodable {
        let product, version, acquired, date, time: String
        let year, doy: Int
        let tile: String?
        let orbit, scene: Int?
        let layers: [String: String]
        let missing: [String]
    }

    private struct Report: Encodable {
        let directory: String
        let products, layers, tiles, dates: [String]
        let granules: [GranuleReport]
        let unrecognized: [[String: String]]
    }

    private func jsonReport(_ c: EcostressCatalog) throws -> String {
        let granules = c.granules.map { g in
            let n = g.name, t = n.acquired
            return GranuleReport(product: n.product, version: n.version, acquired: t.iso8601, date: t.isoDate,
                                 time: t.timeOfDay, year: t.year, doy: t.dayOfYear, tile: n.tile, orbit: n.orbit,
                                 scene: n.scene, layers: g.files, missing: g.missing)
        }
        let report = Report(directory: directory, products: c.products, layers: c.layers, tiles: c.tiles,
                            dates: c.dates, granules: granules,
                            unrecognized: c.unrecognized.map { ["file": $0.fileName, "problem": "\($0.part) \($0.message)"] })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }
}
