import ArgumentParser
import Operations

/// The `geotool` command: one subcommand per stage; each is thin — parse, call a module, report.
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
            TEM1DCommand.self,
            ServeCommand.self,
            MakeFixturesCommand.self,
        ]
    )
}
