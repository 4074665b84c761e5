import ArgumentParser
import Foundation
import GeoSupport
import Grid
import Raster
import Resample

/// `geotool ecostress regrid DIR --sites … --variables … --target-res X Y`: per site × variable,
/// a GeoTIFF (one band per acquisition, described by its date) and a CSV
/// `date,year,doy,latitude,longitude,<VAR>,pixel_id,x,y` of the kept cells.
struct EcostressRegridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regrid",
        abstract: "Mask ECOSTRESS layers and aggregate them to coarse per-site grids (GeoTIFF + CSV per site × variable).",
        discussion: """
            Every file of a requested layer is masked (--qc, --mask, --landcover), reprojected to --target-crs \
            when it differs from the file's CRS (default: the CRS of the first file), and averaged into cells of \
            --target-res on each site's box (WGS 84 west/south/east/north, snapped outward to the resolution). A \
            cell is kept when valid pixels / pixels in the cell ≥ --min-valid-fraction. Outputs are written \
            atomically, the CSV last; a site × variable whose outputs are complete is skipped, so re-running resumes \
            (complete: the CSV has its header and ends with a whole line, and the GeoTIFF, when the CSV has rows, \
            is a readable geotool raster; anything else is redone). A site no file covers gets a header-only CSV \
            and no GeoTIFF. Site names become file names: a name that is not a plain file name (/, .., a leading \
            dot) is refused.
            """)

    @Argument(help: "Directory of ECOSTRESS tiles (scanned recursively).")
    var directory: String

    @Option(help: ArgumentHelp("Sites: CSV (site,west,south,east,north) or YAML with the same keys.", valueName: "file"))
    var sites: String

    @Option(help: ArgumentHelp("Comma-separated layers to regrid, e.g. LST,LST_err.", valueName: "layers"))
    var variables: String

    @Option(name: .customLong("target-res"), parsing: .upToNextOption,
            help: ArgumentHelp("Target cell size in target-CRS units: XRES YRES.", valueName: "xres yres"))
    var targetRes: [Double]

    @Option(name: .customLong("target-crs"), help: "Target CRS (default: the CRS of the first file).")
    var targetCRS: String?

    @Option(name: .customLong("min-valid-fraction"), help: "Minimum fraction of valid pixels for a cell to be kept.")
    var minValidFraction = 0.5

    @OptionGroup var masks: MaskOptions

    @Option(help: "Output directory (created if missing).")
    var out = "regrid"

    @Option(help: "Files processed at once (default: number of processors).")
    var jobs: Int = ParallelWork.defaultJobs

    func validate() throws {
        guard targetRes.count == 2, targetRes.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationError("--target-res needs two positive numbers: XRES YRES")
        }
        guard (0...1).contains(minValidFraction) else { throw ValidationError("--min-valid-fraction must be within 0…1") }
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        do {
            try regrid()
        } catch {
            Console.error("geotool ecostress regrid: \(error)")
            throw ExitCode.failure
        }
    }

    private func regrid() throws {
        let siteList = try Site.load(sites)
        let mask = try masks.makeMask()
        let catalog = try EcostressCatalog(directory: directory)
        let vars = variables.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !vars.isEmpty else { throw ValidationError("--variables names no layer") }
        let granuleFiles = catalog.granules.flatMap { $0.files.values }
        try OutputGuard.check(inputs: [sites] + granuleFiles + granuleFiles.flatMap { mask.inputFiles(for: $0) },
                              outputs: vars.flatMap { v in siteList.flatMap { [path($0, v, "tif"), path($0, v, "csv")] } })
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        // Resume: only variables with an incomplete output are processed.
        let pending = vars.filter { v in siteList.contains { !isComplete(site: $0, variable: v) } }
        for v in vars where !pending.contains(v) { Console.error("regrid \(v): all site outputs exist, skipped") }
        // Files lacking a companion layer the mask needs are skipped with a warning, not fatal.
        let items = pending.flatMap { v in
            catalog.granules.compactMap { g in g.files[v].map { (variable: v, file: $0, acquired: g.name.acquired) } }
        }.filter { item in
            do { _ = try mask.companionPaths(for: item.file); return true } catch {
                Console.error("regrid: skipped \(error)")
                return false
            }
        }
        for v in pending where !items.contains(where: { $0.variable == v }) {
            throw RasterError(.notFound, path: directory, "no ECOSTRESS file has the layer '\(v)'")
        }
        guard let first = items.first else { return }
        let targetWKT = try targetCRS.map { try SpatialReference($0).wkt }
            ?? Dataset.open(first.file).crsWKT
            ?? { throw RasterError(.crs, path: first.file, "has no CRS; give --target-crs") }()
        let engine = EcostressRegrid(
            targetWKT: targetWKT, resolution: (targetRes[0], targetRes[1]), minValidFraction: minValidFraction,
            mask: mask, extents: try siteList.map { try $0.extent(in: targetWKT, resolutionX: targetRes[0], resolutionY: targetRes[1]) },
            scratchDirectory: out)
        for (site, extent) in zip(siteList, engine.extents) {
            try SiteGrid.checkSize(of: site, extent: extent, resolution: engine.resolution, sitesFile: sites)
        }
        let progress = Console.Progress("regrid \(items.count) file(s)")
        let done = AtomicCounter()   // Resample's: increment() returns the count before
        let results = try ParallelWork.map(count: items.count, jobs: jobs) { i in
            let r = try engine.run(file: items[i].file, acquired: items[i].acquired)
            progress.update(Double(done.increment() + 1) / Double(items.count))
            return r
        }
        for v in pending {
            for (s, site) in siteList.enumerated() where !isComplete(site: site, variable: v) {
                let grids = items.indices.filter { items[$0].variable == v }.compactMap { results[$0][s] }
                try SiteOutput(site: site, variable: v, grids: grids, targetWKT: targetWKT,
                               inputs: items.filter { $0.variable == v }.map(\.file))
                    .write(tif: path(site, v, "tif"), csv: path(site, v, "csv"))
            }
        }
    }

    private func path(_ site: Site, _ variable: String, _ ext: String) -> String {
        (out as NSString).appendingPathComponent("\(site.name)_\(variable).\(ext)")
    }

    /// Whether a site × variable is done (the CSV is written last): its CSV starts with the header and
    /// ends with a whole line, and — when it has rows — its GeoTIFF is a complete geotool raster
    /// (`CompleteOutput`). A zero-byte, truncated or foreign file is not complete: the pair is redone.
    private func isComplete(site: Site, variable: String) -> Bool {
        guard let csv = FileHandle(forReadingAtPath: path(site, variable, "csv")) else { return false }
        defer { try? csv.close() }
        let header = Data((SiteOutput.csvHeader(variable: variable).map(CSVWriter.escape).joined(separator: ",") + "\n").utf8)
        guard let start = try? csv.read(upToCount: header.count), start == header,
              let size = try? csv.seekToEnd(), size >= UInt64(header.count) else { return false }
        try? csv.seek(toOffset: size - 1)
        guard (try? csv.read(upToCount: 1)) == Data("\n".utf8) else { return false }
        return size == UInt64(header.count) || CompleteOutput.isCompleteRaster(path(site, variable, "tif"))
    }
}
