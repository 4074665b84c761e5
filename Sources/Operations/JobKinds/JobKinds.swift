import Batch
import GeoSupport

/// The job kinds `geotool batch` and `geotool serve` can run — THE place to register a new one.
///
/// The stages of `Stages/` (reproject, resample, extract, ecostress-regrid, …) are declared once there: the CLI
/// command and the job kind call the same operation, the command mapping its flags one to one onto its parameters.
///
/// To add a kind: write a `JobRunner` in this folder (one file, e.g. `ErosionScenarioJob.swift`) that
/// reads its parameters (`parameters["rainfall"]?.doubleValue`), calls its module, writes files only
/// via `context.writeOutput(name) { tmp in … }`, checks `context.checkCancelled()` between steps,
/// caches heavy per-worker inputs with `context.cache.value(for:)`, and returns a flat
/// `JobResult(values:outputs:)`; optionally validate parameters (throw `BatchError.invalidSpec`
/// naming `parameters.<name>`). Then add it to the list below.
public enum JobKinds {
    /// Every kind.
    public static var registry: JobRegistry {
        JobRegistry([
            SyntheticJob(),
            RasterStatsJob(),
            RasterScaleJob(),
            ErosionScenarioJob(),
            TEM1DChunkJob(),
            PlotJob(),
            TableJob(),
            ReprojectOperation(),
            ResampleOperation(),
            ExtractOperation(),
            EcostressRegridOperation(),
            ErosionDeriveOperation(),
            EvolveOperation(),
        ])
    }
}
