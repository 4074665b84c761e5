import ArgumentParser
import Foundation
import GeoSupport
import Plot
import Resample
import Operations
import Raster

/// `geotool plot batch CSV --by site,variable --kind scatter|series --x COL --y COL --out DIR [--jobs N]`.
struct PlotBatchCommand: ParsableCommand {
    typealias Kind = PlotBatchKind

    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "One PNG per group of rows, rendered in parallel, plus DIR/summary.csv with per-group metrics.",
        discussion: """
        Groups are the distinct combinations of the --by columns; files are named after them \
        (e.g. siteA_LST.png). scatter: --x observed, --y predicted; summary columns n,rmse,bias,r2 \
        (R² = 1 − SSres/SStot). series: --x date, --y value; summary columns n,mean,min,max. \
        Complete PNGs (signature to IEND, every chunk's CRC valid) are kept unless --force; zero-byte, truncated \
        or foreign files are redrawn. The summary is always rewritten. Progress goes to stderr.
        """)

    @Argument(help: "CSV file with a header row.")
    var csv: String

    @Option(help: "Comma-separated grouping columns.")
    var by: String

    @Option(help: "Plot kind: scatter or series.")
    var kind: Kind

    @Option(help: "x column (observed values for scatter, dates for series).")
    var x: String

    @Option(help: "y column (predicted values for scatter, values for series).")
    var y: String

    @OptionGroup var outputDirectory: OutputDirectoryOption

    @OptionGroup var workers: WorkerOptions<OneOrMoreWorkers>

    @Flag(help: "Re-render PNGs that already exist.")
    var force = false

    @OptionGroup var figure: FigureOptions

    @OptionGroup var tableOutput: TableOutputOptions

    func run() throws {
        let out = outputDirectory.path, jobs = workers.count
        let table = try CSVTable(path: csv)
        let byColumns = by.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        guard !byColumns.isEmpty else { throw CLIError("--by: no column given") }
        let job = try PlotBatchJob(table: table, kind: kind, x: x, y: y, by: byColumns, figure: figure.layout,
                                   directory: out, force: force)
        guard !job.groups.isEmpty else { throw CLIError("\(csv): no data rows to group") }
        try OutputGuard.check(inputs: [csv], outputs: PlannedOutput.files(job.fileNames + ["summary.csv"], in: out))
        do { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw CLIError("\(out): cannot create the output directory: \(error.localizedDescription)")
        }
        let progress = Console.Progress("plot batch (\(job.groups.count) groups, \(jobs) workers)")
        let total = job.groups.count
        let done = AtomicCounter()
        // Worker threads (not the cooperative pool): each render is CPU-bound C work.
        let outcomes = try WorkerThreads.map(count: total, jobs: jobs) { i in
            let outcome = job.render(i)
            progress.update(Double(done.increment() + 1) / Double(total))
            return outcome
        }
        let summary = try CSVWriter(path: "\(out)/summary.csv")
        let header = byColumns + ["png"] + job.metricColumns
        let rows = outcomes.indices.map { job.groups[$0].key + [job.fileNames[$0]] + outcomes[$0].metrics }
        try summary.write(header)
        var failures = 0
        for (row, o) in zip(rows, outcomes) {
            try summary.write(row)
            if let e = o.error { Console.failure(CLIError(e), in: Self.self); failures += 1 }
        }
        try summary.commit()
        try tableOutput.write(try Table(header: header, textRows: rows), defaultTable: "plot_summary",
                              metadata: Provenance.metadata(inputs: [csv]))
        let skipped = outcomes.filter(\.skipped).count
        Console.error("plot batch: \(total - skipped - failures) rendered, \(skipped) already complete, \(failures) failed → \(out)")
        if failures > 0 { throw ExitCode.failure }
    }
}

extension PlotBatchKind: ExpressibleByArgument {}
