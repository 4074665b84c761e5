import ArgumentParser
import Foundation
import GeoSupport
import Operations
import Plot

/// The `geotool` command: one subcommand per stage; each is thin — parse, call a module, report.
///
/// Its entry point is the one error path of every command: a command's `run()` throws, and `main()`
/// prints `geotool <command path>: <message>` (one line, on stderr) and exits 1; usage errors keep
/// ArgumentParser's message and usage text and exit 2; an `ExitCode` thrown by a command is its exit status.
@main
struct Geotool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "geotool",
        abstract: "Geospatial raster processing: GDAL-backed I/O, resampling, erosion and TEM models, plots, batches.",
        version: GeotoolVersion.current,
        subcommands: [
            InfoCommand.self,
            ResampleCommand.self,
            ReprojectCommand.self,
            MakeBenchRasterCommand.self,
            ErosionCommand.self,
            EvolveCommand.self,
            PlotCommand.self,
            ExtractCommand.self,
            EcostressCommand.self,
            BatchCommand.self,
            WorkflowCommand.self,
            KindsCommand.self,
            TEM1DCommand.self,
            ServeCommand.self,
            MakeFixturesCommand.self,
        ]
    )

    /// Exit status of bad input and failed work (a command's thrown error).
    static let failed = ExitCode.failure
    /// Exit status of command-line misuse: unknown option, missing argument, `ValidationError`.
    static let usage = ExitCode(2)

    /// Parses the command line, runs the chosen command and maps whatever it throws to one exit path.
    static func main() {
        MemoryBudget.standard = MemoryBudget.fromEnvironment(ProcessInfo.processInfo.environment,
                                                             physicalMemory: ProcessInfo.processInfo.physicalMemory)
        if ProcessInfo.processInfo.environment[PNGWriter.environmentVariable] == "1" { PNGWriter.current = .cairo }
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exitParsing(error)
        }
        do {
            try command.run()
        } catch {
            exitRunning(error, of: type(of: command))
        }
    }

    /// A parse error: help, `--version` and completion scripts exit as ArgumentParser makes them;
    /// anything else is a usage error (message and usage text on stderr, status 2).
    private static func exitParsing(_ error: Error) -> Never {
        if error is ExitCode || exitCode(for: error).isSuccess { exit(withError: error) }
        Console.error(fullMessage(for: error).trimmingCharacters(in: .newlines))
        Foundation.exit(usage.rawValue)
    }

    /// An error thrown by `command.run()`: an `ExitCode` is the status; a `ValidationError` is a usage
    /// error; everything else is one line `geotool <command path>: <message>` and status 1.
    private static func exitRunning(_ error: Error, of command: ParsableCommand.Type) -> Never {
        switch error {
        case let code as ExitCode:
            Foundation.exit(code.rawValue)
        case is CleanExit:
            exit(withError: error)
        case let e as ValidationError:
            Console.error("Error: \(e.message)\n" + usageString(for: command))
            Foundation.exit(usage.rawValue)
        default:
            let code = exitCode(for: error)
            if code.isSuccess { exit(withError: error) }   // help requested through `geotool help …`
            if code == .validationFailure {                  // a parser error raised while running
                Console.error(fullMessage(for: error).trimmingCharacters(in: .newlines))
                Foundation.exit(usage.rawValue)
            }
            Console.failure(error, in: command)
            Foundation.exit(failed.rawValue)
        }
    }
}
