import ArgumentParser

/// `geotool erosion …`: terrain derivation and RUSLE/USPED scenarios.
struct ErosionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erosion",
        abstract: "Hydrological terrain derivation and RUSLE/USPED erosion scenarios.",
        subcommands: [ErosionDeriveCommand.self, ErosionRunCommand.self, MakeFractalDEMCommand.self])
}
