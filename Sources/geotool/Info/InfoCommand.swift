import ArgumentParser
import Foundation
import Operations
import Raster

/// `geotool info FILE…`: what a raster is — driver, size, bands, CRS, georeferencing, statistics.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe rasters: driver, size, bands, CRS, bounds (native and WGS 84), compression, statistics.")

    @Argument(help: "Raster files.")
    var files: [String]

    @Flag(help: "Machine-readable output: a JSON array, one object per file.")
    var json = false

    @Flag(help: "Compute exact statistics of every band (reads every pixel; nodata and NaN excluded).")
    var stats = false

    @Flag(help: "Report --stats progress per file on stderr even when stderr is not a terminal (default: only on a terminal).")
    var progress = false

    func run() throws {
        var reports: [RasterInfo] = []
        var failures = 0
        for file in files {
            do {
                let ds = try Dataset.open(file, openOptions: [:])
                try ds.verifyReadable()
                let reporter = stats && (progress || Console.stderrIsTerminal) ? Console.Progress("info \(file)") : nil
                let info = try RasterInfo(dataset: ds, statistics: stats, progress: reporter?.update)
                if json { reports.append(info) } else { print(info.text + (file == files.last ? "" : "\n")) }
            } catch {
                Console.failure(error, in: Self.self)
                failures += 1
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.nonConformingFloatEncodingStrategy = .convertToString(
                positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
        }
        if failures > 0 { throw ExitCode.failure }
    }
}
