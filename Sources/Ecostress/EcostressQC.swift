/// The ECOSTRESS L2 LSTE quality-control word (the `QC` layer, UInt16), decoded.
///
/// Source: ECOSTRESS Level 2 Product Specification Document, JPL D-94635 (Hulley, v2, 2019),
/// QC SDS bit-flag table; the same TES (temperature–emissivity separation) QC layout is
/// published verbatim in the MOD21/MYD21 QC legend (LP DAAC, `QA_Legend` attribute of the
/// MYD21A1D.061 `QC` SDS), which is where the field meanings below were checked.
/// - Bits 0–1 (mandatory QA): verified against the PSD and the ECOSTRESS tile documentation:
///   00 best quality, 01 nominal quality, 10 cloud detected, 11 not produced.
/// - Bits 2–15: taken from the TES QC legend cited above (MOD21 wording). The PSD's own table
///   text could not be retrieved here, so the ECOSTRESS-specific wording of bits 2–15 is
///   *not verified*; in particular ECOSTRESS documents bits 4–5 as "not set, use the cloud
///   mask layer", so this type decodes them but no mask relies on them.
public struct EcostressQC: Hashable, Sendable {
    /// The raw 16-bit word.
    public let raw: UInt16

    public init(_ raw: UInt16) { self.raw = raw }

    /// Bits 0–1.
    public enum MandatoryQA: UInt16, Sendable, CaseIterable, Comparable {
        case best = 0, nominal = 1, cloudDetected = 2, notProduced = 3
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    }

    /// Bits 0–1: overall quality.
    public var mandatory: MandatoryQA { MandatoryQA(rawValue: field(0))! }
    /// Bits 2–3: L1B data quality (0 good, 1 missing stripe pixel, 2 not set, 3 missing/bad L1B data).
    public var dataQuality: UInt16 { field(2) }
    /// Bits 4–5: cloud/ocean flag (not set in ECOSTRESS: use the `cloud` / `water` layers).
    public var cloudOcean: UInt16 { field(4) }
    /// Bits 6–7: TES iterations (0 slow convergence ≥ 7, 1 nominal 6, 2 nominal 5, 3 fast < 5).
    public var iterations: UInt16 { field(6) }
    /// Bits 8–9: atmospheric opacity (0 ≥ 0.3 warm humid, 1 0.2–0.3, 2 0.1–0.2, 3 < 0.1 dry/high).
    public var atmosphericOpacity: UInt16 { field(8) }
    /// Bits 10–11: MMD, max–min emissivity difference (0 > 0.15 silicate rocks, 1 0.1–0.15,
    /// 2 0.03–0.1 soils/mixed, 3 < 0.03 vegetation, snow, water, ice).
    public var mmd: UInt16 { field(10) }
    /// Bits 12–13: emissivity accuracy (0 > 0.02 poor, 1 0.015–0.02 marginal, 2 0.01–0.015 good, 3 < 0.01 excellent).
    public var emissivityAccuracy: UInt16 { field(12) }
    /// Bits 14–15: LST accuracy (0 > 2 K poor, 1 1.5–2 K marginal, 2 1–1.5 K good, 3 < 1 K excellent).
    public var lstAccuracy: UInt16 { field(14) }

    /// Whether the pixel passes a minimum mandatory QA level (`.best` keeps 00 only, `.nominal`
    /// keeps 00 and 01).
    public func passes(_ level: MandatoryQA) -> Bool { mandatory <= level }

    /// The two-bit field starting at `bit`.
    @inline(__always) private func field(_ bit: UInt16) -> UInt16 { (raw >> bit) & 0b11 }
}
