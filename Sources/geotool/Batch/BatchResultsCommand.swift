import ArgumentParser
import Batch
import Operations
import Raster

/// `geotool batch results RUN [--aggregate mean,std,…] [--by PARAM…] -o OUT.csv`.
struct BatchResultsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "results",
        abstract: "Write completed jobs' results as CSV: one row per job, or statistics per group of parameters.")

    @OptionGroup var target: RunDirectoryArgument

    @Option(help: "Statistics of every numeric result, comma-separated: mean, std (sample), min, max, median, pNN.")
    var aggregate: String?

    @Option(parsing: .upToNextOption, help: "Group by these parameters (with --aggregate; default: one group).")
    var by: [String] = []

    @Option(help: "Only this batch.")
    var batch: Int64?

    @Option(name: .shortAndLong, help: "Output CSV (written atomically); '-' for stdout (not printed when only --table-output is given).")
    var output: String?

    @OptionGroup var tableOutput: TableOutputOptions

    func run() throws {
        let store = try target.openStore()
        let rows = try store.results(batchID: batch)
        let table: ResultCSV
        if let aggregate {
            do {
                let stats = try aggregate.split(separator: ",").map { try AggregateStatistic(parsing: String($0)) }
                let groups = by.flatMap { $0.split(separator: ",").map(String.init) }
                table = try ResultAggregation.aggregate(rows, statistics: stats, by: groups)
            } catch BatchError.invalidSpec(let field, let message) where ["aggregate", "by"].contains(field) {
                throw BatchError.invalidArgument("--\(field) \(message)")   // the library names the field, the CLI its flag
            }
        } else {
            table = ResultAggregation.table(rows)
        }
        switch output ?? (tableOutput.destination == nil ? "-" : nil) {
        case "-": print(table.text, terminator: "")
        case let path?: try table.write(to: path)
        case nil: break
        }
        try tableOutput.write(try Table(header: table.header, textRows: table.rows), defaultTable: "results",
                              metadata: Provenance.metadata(inputs: [target.runDirectory]))
    }
}
