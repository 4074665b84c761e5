import ArgumentParser

/// `geotool ecostress …`: ECOSTRESS tiles — find them, mask them, regrid them per site.
struct EcostressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecostress",
        abstract: "ECOSTRESS tiles: scan a directory; regrid masked layers to coarse per-site grids.",
        subcommands: [EcostressScanCommand.self, EcostressRegridCommand.self])
}
