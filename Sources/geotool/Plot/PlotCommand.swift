import ArgumentParser
import Operations

/// `geotool plot …`: validation figures rendered with cairo to PNG (one subcommand per file).
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render PNG figures: raster maps, predicted-vs-observed scatter, time series, TEM decays, histograms.",
        subcommands: [PlotMapCommand.self, PlotScatterCommand.self, PlotSeriesCommand.self,
                      PlotDecayCommand.self, PlotHistCommand.self, PlotBatchCommand.self])
}
