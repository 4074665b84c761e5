import ArgumentParser
import GeoSupport
import Operations

/// `-o/--output OUT.png`: the image a plot command writes.
struct PNGOutputOption: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Output PNG.", valueName: "png"))
    var output: String

    /// Refuses an output that is one of `inputs` (by any spelling), then draws `request` to the PNG
    /// and returns the figure's summary values.
    @discardableResult
    func render<Request: PlotRequest>(_ request: @autoclosure () throws -> Request, inputs: [String]) throws -> [String: Double] {
        try OutputGuard.check(inputs: inputs, outputs: [output])
        return try request().render(to: output)
    }
}
