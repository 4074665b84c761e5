import ArgumentParser
import Raster

/// The options of every command whose result is a table: write it also (or instead of CSV) to an OGR destination —
/// a GeoPackage (default by extension), FlatGeobuf, GeoJSON or CSV file, or a PostgreSQL/PostGIS database
/// (`"PG:dbname=… host=… user=…"`) — in one transaction (`Raster.TableWriter`).
struct TableOutputOptions: ParsableArguments {
    @Option(name: .customLong("table-output"),
            help: ArgumentHelp("Also write the result table to a database: a .gpkg (.fgb, .geojson, .csv) file or \"PG:dbname=… host=… user=…\" (PostGIS); all or nothing.",
                               valueName: "dest"))
    var destination: String?

    @Option(name: .customLong("table-name"), help: ArgumentHelp("Table name in --table-output (GDAL's -nln).", valueName: "name"))
    var tableName: String?

    @Flag(help: "Append the rows to an existing --table-output table.")
    var append = false

    @Flag(help: "Replace an existing --table-output table.")
    var overwrite = false

    @Option(name: .customLong("table-format"),
            help: ArgumentHelp("OGR driver for --table-output (GDAL's -f; default: from the extension, PostgreSQL for PG:).", valueName: "driver"))
    var format: String?

    @Option(name: .customLong("lco", withSingleDash: true),
            help: ArgumentHelp("Layer creation option for --table-output (repeatable).", valueName: "KEY=VALUE"))
    var layerOptions: [String] = []

    @Option(name: .customLong("dsco", withSingleDash: true),
            help: ArgumentHelp("Dataset creation option for --table-output (repeatable).", valueName: "KEY=VALUE"))
    var datasetOptions: [String] = []

    func validate() throws {
        guard !(append && overwrite) else { throw ValidationError("--append and --overwrite exclude each other") }
        if destination == nil, tableName != nil || append || overwrite || format != nil || !layerOptions.isEmpty || !datasetOptions.isEmpty {
            throw ValidationError("--table-name, --append, --overwrite, --table-format, -lco and -dsco need --table-output")
        }
    }

    /// The destination, or nil when no table output was asked for. `defaultTable` names the table unless
    /// `--table-name` does.
    func tableDestination(defaultTable: String) throws -> TableDestination? {
        guard let destination else { return nil }
        return try TableDestination(destination, driver: format, table: tableName ?? defaultTable,
                                    mode: append ? .append : overwrite ? .overwrite : .create,
                                    layerOptions: try Self.keyValues(layerOptions, flag: "-lco"),
                                    datasetOptions: try Self.keyValues(datasetOptions, flag: "-dsco"))
    }

    /// Checks the destination before the work starts (driver, directory, server and credentials, an existing
    /// table without --append/--overwrite); nothing when no table output was asked for.
    func check(defaultTable: String) throws {
        guard let destination = try tableDestination(defaultTable: defaultTable) else { return }
        try completed { try TableWriter.check(destination) }
    }

    /// Writes `table` when a destination was given (checking it first is `tableDestination`'s job); the
    /// library's error is completed with the flags that fix it. Returns the rows written (0 when none asked).
    @discardableResult
    func write(_ table: @autoclosure () throws -> Table, defaultTable: String, metadata: [String: String]) throws -> Int {
        guard let destination = try tableDestination(defaultTable: defaultTable) else { return 0 }
        return try completed { try table().write(to: destination, metadata: metadata) }
    }

    /// Runs `body`, completing the library's "table exists" error with the flags that fix it.
    private func completed<R>(_ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let e as TableError where e.kind == .tableExists {
            throw CLIError("\(e) (use --append or --overwrite)")
        }
    }

    private static func keyValues(_ items: [String], flag: String) throws -> [String: String] {
        var d: [String: String] = [:]
        for item in items {
            guard let eq = item.firstIndex(of: "="), eq != item.startIndex else {
                throw CLIError("\(flag): expected KEY=VALUE, got '\(item)'")
            }
            d[String(item[..<eq]).uppercased()] = String(item[item.index(after: eq)...])
        }
        return d
    }
}
