import ArgumentParser
import Ecostress
import Foundation
import Operations

/// Mask options shared by `extract` and `ecostress regrid`.
struct MaskOptions: ParsableArguments {
    @Option(help: ArgumentHelp("ECOSTRESS files: keep only pixels whose QC mandatory QA is best (00) or at least nominal (00, 01).",
                               valueName: "best|nominal"))
    var qc: QCLevel?

    @Option(help: ArgumentHelp("ECOSTRESS files: comma-separated companion layers whose value 1 (or nodata) masks a pixel, e.g. cloud,water.",
                               valueName: "layers"))
    var mask: String?

    @Option(help: ArgumentHelp("Land-cover raster: pixels whose class is not in --landcover-classes are masked.",
                               valueName: "raster"))
    var landcover: String?

    @Option(help: ArgumentHelp("Land-cover classes to keep, comma-separated; ranges allowed (default 3-6, MapBiomas forest).",
                               valueName: "classes"))
    var landcoverClasses: String = "3-6"

    enum QCLevel: String, ExpressibleByArgument, CaseIterable {
        case best, nominal
        var level: EcostressQC.MandatoryQA { self == .best ? .best : .nominal }
    }

    /// The mask these options describe (one builder for the CLI and the stages' mask parameters); a bad class
    /// list is an error naming `--landcover-classes`.
    func makeMask() throws -> EcostressMask {
        do {
            return try MaskParameters.mask(qc: qc?.level, layers: mask, landcover: landcover, classes: landcoverClasses)
        } catch let e as StageParameterError {
            throw CLIError("--landcover-classes: \(e.message)")
        }
    }
}
