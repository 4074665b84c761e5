import ArgumentParser

/// A `geotool plot` subcommand that draws one figure to its `-o/--output` PNG. `render()` throws
/// its errors (the command's `run()` prints them and exits 1), so the `plot` batch job kind can run
/// the same command in-process and record the error on the job.
protocol PlotRendering: ParsableCommand {
    /// Draws the figure and writes it to the output path.
    func render() throws
}
