import Foundation
import GeoSupport
import Raster

/// An ECOSTRESS regrid, planned: sites read, tiles catalogued, outputs checked against the inputs
/// (`OutputGuard`), the work left to do found (a site × variable whose outputs are complete is not redone),
/// the target CRS settled and every site grid checked against the memory budget — all before any pixel
/// is read. The caller runs `engine` on each of `items` (on as many threads as it likes: each call opens
/// its own datasets) and hands the results to `write(results:metadata:notify:)`.
///
/// Outputs per site × variable: `<out>/<site>_<VAR>.tif` (one band per acquisition) and `.csv`
/// (`SiteOutput`), each written atomically, the CSV last.
public struct RegridPlan: Sendable {
    public let parameters: RegridParameters
    public let sites: [Site]
    /// Variables with at least one incomplete site output.
    public let pending: [String]
    /// The files to regrid, for the pending variables, in catalog order.
    public let items: [RegridItem]
    /// The per-file engine; nil when there is nothing to do.
    public let engine: EcostressRegrid?

    /// Plans `parameters`; creates the output directory. Notices (variables already done, files skipped)
    /// go to `notify`. Throws one-line errors naming the file, site or field.
    public init(_ parameters: RegridParameters, notify: (RegridNotice) -> Void) throws {
        try parameters.validate()
        self.parameters = parameters
        let p = parameters
        var sites = try Site.load(p.sitesFile)
        if let names = p.siteNames {
            if let missing = names.first(where: { n in !sites.contains { $0.name == n } }) {
                throw EcostressError(path: p.sitesFile, "has no site '\(missing)'")
            }
            sites = sites.filter { names.contains($0.name) }
        }
        self.sites = sites
        let catalog = try EcostressCatalog(directory: p.directory)
        let granuleFiles = catalog.granules.flatMap { $0.files.values }
        try OutputGuard.check(inputs: [p.sitesFile] + granuleFiles + granuleFiles.flatMap { p.mask.inputFiles(for: $0) },
                              outputs: p.variables.flatMap { v in
                                  sites.flatMap { [Self.path($0, v, "tif", in: p), Self.path($0, v, "csv", in: p)] }
                              })
        try FileManager.default.createDirectory(atPath: p.outputDirectory, withIntermediateDirectories: true)
        let pending = p.variables.filter { v in sites.contains { !Self.isComplete(site: $0, variable: v, in: p) } }
        self.pending = pending
        for v in p.variables where !pending.contains(v) { notify(.variableComplete(v)) }
        // Files lacking a companion layer the mask needs are skipped with a notice, not fatal.
        let items = pending.flatMap { v in
            catalog.granules.compactMap { g in g.files[v].map { RegridItem(variable: v, file: $0, acquired: g.name.acquired) } }
        }.filter { item in
            do { _ = try p.mask.companionPaths(for: item.file); return true } catch {
                notify(.fileSkipped("\(error)"))
                return false
            }
        }
        self.items = items
        for v in pending where !items.contains(where: { $0.variable == v }) {
            throw RasterError(.notFound, path: p.directory, "no ECOSTRESS file has the layer '\(v)'")
        }
        guard let first = items.first else {
            engine = nil
            return
        }
        let targetWKT = try p.targetCRS.map { try SpatialReference($0).wkt }
            ?? Dataset.open(first.file).crsWKT
            ?? { throw RasterError(.crs, path: first.file, "has no CRS; give a target CRS") }()
        let engine = EcostressRegrid(
            targetWKT: targetWKT, resolution: p.resolution, minValidFraction: p.minValidFraction, mask: p.mask,
            extents: try sites.map { try $0.extent(in: targetWKT, resolutionX: p.resolution.x, resolutionY: p.resolution.y) },
            scratchDirectory: p.outputDirectory)
        for (site, extent) in zip(sites, engine.extents) {
            try SiteGrid.checkSize(of: site, extent: extent, resolution: engine.resolution, sitesFile: p.sitesFile)
        }
        self.engine = engine
    }

    /// Writes every incomplete site × variable from `results` (the engine's output for each of `items`, in
    /// order). `metadata` gives the GeoTIFF metadata for an output's input files (e.g. provenance).
    public func write(results: [[SiteGrid?]], metadata: ([String]) -> [String: String],
                      notify: (RegridNotice) -> Void) throws {
        guard let engine else { return }
        for v in pending {
            let inputs = items.filter { $0.variable == v }.map(\.file)
            for (s, site) in sites.enumerated() where !isComplete(site: site, variable: v) {
                let grids = items.indices.filter { items[$0].variable == v }.compactMap { results[$0][s] }
                let covered = try SiteOutput(site: site, variable: v, grids: grids, targetWKT: engine.targetWKT,
                                             metadata: metadata(inputs))
                    .write(tif: path(site, v, "tif"), csv: path(site, v, "csv"))
                if !covered { notify(.siteNotCovered(site: site.name, variable: v)) }
            }
        }
    }

    /// The output `<site>_<variable>.<ext>` in the output directory.
    public func path(_ site: Site, _ variable: String, _ ext: String) -> String {
        Self.path(site, variable, ext, in: parameters)
    }

    /// Whether a site × variable is done (see `isComplete(site:variable:in:)`).
    public func isComplete(site: Site, variable: String) -> Bool {
        Self.isComplete(site: site, variable: variable, in: parameters)
    }

    private static func path(_ site: Site, _ variable: String, _ ext: String, in p: RegridParameters) -> String {
        (p.outputDirectory as NSString).appendingPathComponent("\(site.name)_\(variable).\(ext)")
    }

    /// Whether a site × variable is done (the CSV is written last): its CSV starts with the header and
    /// ends with a whole line, and — when it has rows — its GeoTIFF is a complete geotool raster
    /// (`CompleteOutput`). A zero-byte, truncated or foreign file is not complete: the pair is redone.
    private static func isComplete(site: Site, variable: String, in p: RegridParameters) -> Bool {
        guard let csv = FileHandle(forReadingAtPath: path(site, variable, "csv", in: p)) else { return false }
        defer { try? csv.close() }
        let header = Data(CSVWriter.text([SiteOutput.csvHeader(variable: variable)]).utf8)
        guard let start = try? csv.read(upToCount: header.count), start == header,
              let size = try? csv.seekToEnd(), size >= UInt64(header.count) else { return false }
        try? csv.seek(toOffset: size - 1)
        guard (try? csv.read(upToCount: 1)) == Data("\n".utf8) else { return false }
        return size == UInt64(header.count) || CompleteOutput.isCompleteRaster(path(site, variable, "tif", in: p))
    }
}
