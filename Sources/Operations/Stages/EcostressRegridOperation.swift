import Batch
import Ecostress
import Foundation
import GeoSupport
import Raster

/// `ecostress-regrid`: mask ECOSTRESS layers and average them into coarse per-site grids — a GeoTIFF (one band
/// per acquisition) and a CSV `date,year,doy,latitude,longitude,<VAR>,pixel_id,x,y` per site × variable — the
/// stage behind `geotool ecostress regrid` and the `ecostress-regrid` job kind, declared once. The CLI regrids
/// every site and variable; a job normally one site × variable (`site`, `variables`), its unit of work.
///
/// Parameters (the CLI's flags map one to one: the directory argument → `directory`, `--sites`, `--variables`,
/// `--target-res X Y` → `target_res_x`, `target_res_y`, `--target-crs`, `--min-valid-fraction`, the mask options;
/// `site` is the job's selection): see `schema`. The job writes `<site>_<VAR>.tif` and `.csv` in its output
/// directory and reports `n_sites`, `n_variables`, `n_files` (layer files regridded), `n_dates` (GeoTIFF bands)
/// and `n_rows` (CSV rows: kept cells × dates), summed over its site × variable outputs.
public struct EcostressRegridOperation: JobRunner {
    public static let kindName = "ecostress-regrid"
    public let kind = EcostressRegridOperation.kindName
    /// Outputs are named `<site>_<VAR>.tif/.csv` (every output is in `${stage.outputs}`).
    public let products = KindProducts(outputs: [], results: ["n_sites", "n_variables", "n_files", "n_files_skipped", "n_dates", "n_rows"])

    /// What a regrid wrote.
    public struct Summary: Sendable, Equatable {
        /// The output files, GeoTIFF before CSV, site by site, variable by variable.
        public var outputs: [String] = []
        public var sites = 0
        public var variables = 0
        /// Layer files regridded (none when every output was complete).
        public var files = 0
        public var dates = 0
        public var rows = 0
    }

    public let schema = ParameterSchema([
        ParameterDeclaration("directory", .inputFile, required: true, help: "directory of ECOSTRESS tiles (scanned recursively)"),
        ParameterDeclaration("sites", .inputFile, required: true, help: "sites: CSV (site,west,south,east,north) or YAML"),
        ParameterDeclaration("site", .text, help: "the site of the sites file to regrid (default: every site)"),
        ParameterDeclaration("variables", .text, required: true, help: "comma-separated layers to regrid, e.g. LST,LST_err"),
        ParameterDeclaration("target_res_x", .number(), required: true, help: "target cell width in target-CRS units"),
        ParameterDeclaration("target_res_y", .number(), required: true, help: "target cell height in target-CRS units"),
        ParameterDeclaration("target_crs", .text, help: "target CRS (default: the CRS of the first file)"),
        ParameterDeclaration("min_valid_fraction", .number(0...1), default: 0.5,
                             help: "minimum fraction of valid pixels for a cell to be kept"),
    ] + MaskParameters.declarations)

    /// The kind, stateless.
    public init() {}

    /// The parameter key of each field the Ecostress library names in its errors.
    static let keys: [EcostressError.Field: String] = [
        .resolution: "target_res_x", .minValidFraction: "min_valid_fraction", .variables: "variables",
        .landCoverClasses: "landcover_classes",
    ]

    /// Plans and runs the regrid of `parameters` on `workers` threads: site × variable outputs already complete are
    /// kept, the others written (each atomically, the CSV last). `notify` gets the notices (layers done, files
    /// skipped, sites no file covers); `progress`, once planned, is given the number of files to regrid and returns
    /// what to tell the fraction of them done. Errors name the file, site or field.
    @discardableResult
    public static func run(_ parameters: RegridParameters, workers: Int, notify: (RegridNotice) -> Void,
                           progress: ((Int) -> @Sendable (Double) -> Void)? = nil) throws -> Summary {
        let plan = try RegridPlan(parameters, notify: notify)
        var summary = Summary(sites: plan.sites.count, variables: parameters.variables.count, files: plan.items.count)
        if let engine = plan.engine {
            let items = plan.items
            let progress = progress?(items.count)
            let done = AtomicCounter()   // increment() returns the count before
            let results = try WorkerThreads.map(count: items.count, jobs: max(1, workers)) { i in
                let r = try engine.run(file: items[i].file, acquired: items[i].acquired)
                progress?(Double(done.increment() + 1) / Double(items.count))
                return r
            }
            try plan.write(results: results, metadata: Provenance.metadata(inputs:), notify: notify)
        }
        for site in plan.sites {
            for v in parameters.variables {
                let (tif, csv) = (plan.path(site, v, "tif"), plan.path(site, v, "csv"))
                if FileManager.default.fileExists(atPath: tif), let ds = try? Dataset.open(tif) {
                    summary.outputs.append(tif)
                    summary.dates += ds.bandCount
                }
                summary.outputs.append(csv)
                summary.rows += try CSVTable(path: csv).rows.count
            }
        }
        return summary
    }

    /// The typed parameters of a job writing into `outputDirectory`; errors name the key.
    public static func parameters(_ p: JobParameters, outputDirectory: String) throws -> RegridParameters {
        let a = StageArguments(p)
        var parameters = RegridParameters(
            directory: a.text("directory") ?? "", sitesFile: a.text("sites") ?? "", variables: a.list("variables"),
            resolution: (a.number("target_res_x") ?? 0, a.number("target_res_y") ?? 0), targetCRS: a.text("target_crs"),
            minValidFraction: a.number("min_valid_fraction") ?? 0.5, mask: try MaskParameters.read(a),
            outputDirectory: outputDirectory)
        parameters.siteNames = a.text("site").map { [$0] }
        do { try parameters.validate() } catch let e as EcostressError {
            guard let field = e.field else { throw e }
            throw StageParameterError(keys[field] ?? field.rawValue, e.message)
        }
        if let site = parameters.siteNames?.first {
            do { _ = try PathComponent(site) } catch { throw StageParameterError("site", "must be a plain file name: \(error)") }
        }
        return parameters
    }

    public func validate(parameters p: JobParameters) throws {
        _ = try StageParameterError.asSpecError { try Self.parameters(p, outputDirectory: "") }
    }

    public func run(parameters p: JobParameters, context: JobContext) throws -> JobResult {
        let parameters = try StageParameterError.asSpecError { try Self.parameters(p, outputDirectory: context.outputDirectory) }
        try context.checkCancelled()
        var skipped = 0
        let summary = try Self.run(parameters, workers: 1, notify: { if case .fileSkipped = $0 { skipped += 1 } })
        return JobResult(values: [
            "n_sites": .number(Double(summary.sites)), "n_variables": .number(Double(summary.variables)),
            "n_files": .number(Double(summary.files)), "n_files_skipped": .number(Double(skipped)),
            "n_dates": .number(Double(summary.dates)), "n_rows": .number(Double(summary.rows)),
        ], outputs: summary.outputs)
    }
}
