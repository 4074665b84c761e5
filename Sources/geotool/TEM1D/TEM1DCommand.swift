import ArgumentParser

/// `geotool tem1d …`: layered-earth transient EM forward modelling (central loop).
struct TEM1DCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tem1d",
        abstract: "1-D layered-earth transient EM forward models (central loop), many models in parallel.",
        subcommands: [TEM1DRunCommand.self])
}
