import Foundation
import Batch
import Ecostress
import GeoSupport

/// The pixel mask of the stages that read ECOSTRESS layers (`extract`, `ecostress-regrid`): QC level, companion
/// layers, land cover — the CLI's `--qc`, `--mask`, `--landcover`, `--landcover-classes`, declared once.
public enum MaskParameters {
    /// The declarations of `qc`, `mask`, `landcover` and `landcover_classes`.
    public static let declarations = [
        ParameterDeclaration("qc", .choice(["best", "nominal"]),
                             help: "ECOSTRESS files: keep pixels whose QC mandatory QA is best (00) or at least nominal (00, 01)"),
        ParameterDeclaration("mask", .text, help: "ECOSTRESS files: comma-separated companion layers whose value 1 masks a pixel"),
        ParameterDeclaration("landcover", .inputFile, help: "land-cover raster: pixels whose class is not in landcover_classes are masked"),
        ParameterDeclaration("landcover_classes", .text, default: "3-6",
                             help: "land-cover classes to keep, comma-separated; ranges allowed"),
    ]

    /// The QC level named `name` (best, nominal).
    public static func qcLevel(_ name: String) -> EcostressQC.MandatoryQA? {
        switch name {
        case "best": return .best
        case "nominal": return .nominal
        default: return nil
        }
    }

    /// The mask of a QC level, a comma-separated list of companion layers and a land-cover raster with its class
    /// list (`3-6`); a bad class list is a `StageParameterError` naming `landcover_classes`.
    public static func mask(qc: EcostressQC.MandatoryQA?, layers: String?, landcover: String?,
                            classes: String = "3-6") throws -> EcostressMask {
        let names = (layers ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var filter: LandCoverFilter?
        if let landcover {
            do { filter = LandCoverFilter(path: landcover, classes: try LandCoverFilter.classes(parsing: classes)) } catch let e as EcostressError {
                throw StageParameterError("landcover_classes", e.message)
            }
        }
        return EcostressMask(qc: qc, layers: names, landCover: filter)
    }

    /// The mask a job's parameters describe.
    static func read(_ a: StageArguments) throws -> EcostressMask {
        try mask(qc: a.text("qc").flatMap(qcLevel), layers: a.text("mask"), landcover: a.text("landcover"),
                 classes: a.text("landcover_classes") ?? "3-6")
    }
}
