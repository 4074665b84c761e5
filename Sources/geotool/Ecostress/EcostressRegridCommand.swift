import ArgumentParser
import Ecostress
import Foundation
import GeoSupport
import Operations
import Raster

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

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    /// `--table-output`: every site × variable CSV in one table (site, variable, the CSV's columns, value), cell polygons.
    @OptionGroup var tableOutput: TableOutputOptions

    func validate() throws {
        guard targetRes.count == 2, targetRes.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ValidationError("--target-res needs two positive numbers: XRES YRES")
        }
        guard (0...1).contains(minValidFraction) else { throw ValidationError("--min-valid-fraction must be within 0…1") }
    }

    func run() throws {
        do { try regrid() } catch { throw EcostressFlags.cliError(error) }
    }

    /// The `ecostress-regrid` stage's parameters these options describe, one to one.
    func parameters() throws -> RegridParameters {
        RegridParameters(
            directory: directory, sitesFile: sites,
            variables: variables.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            resolution: (targetRes[0], targetRes[1]), targetCRS: targetCRS, minValidFraction: minValidFraction,
            mask: try masks.makeMask(), outputDirectory: out)
    }

    private func regrid() throws {
        let parameters = try self.parameters()
        try tableOutput.check(defaultTable: "regrid")
        let summary = try EcostressRegridOperation.run(parameters, workers: workers.count, notify: { Console.error("\($0)") },
                                                       progress: { Console.Progress("regrid \($0) file(s)").update })
        try tableOutput.write(try ResultTables.regridCells(outputs: summary.outputs, variables: parameters.variables),
                              defaultTable: "regrid", metadata: Provenance.metadata(inputs: [directory, sites]))
    }
}
