import ArgumentParser
import Raster

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

    /// The mask these options describe.
    func makeMask() throws -> EcostressMask {
        let layers = (mask ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var filter: LandCoverFilter? = nil
        if let landcover { filter = LandCoverFilter(path: landcover, classes: try Self.classes(landcoverClasses)) }
        return EcostressMask(qc: qc?.level, layers: layers, landCover: filter)
    }

    /// Parses "3,4,5-6" into a set of classes.
    static func classes(_ text: String) throws -> Set<Int> {
        var out = Set<Int>()
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard let lo = bounds.first ?? nil, let hi = bounds.last ?? nil, lo <= hi else {
                throw ValidationError("--landcover-classes: '\(part)' is not a class or a range like 3-6")
            }
            out.formUnion(lo...hi)
        }
        return out
    }
}
