/// A real central-loop TEM instrument: a horizontal circular transmitter loop of radius `loopRadius` (m; GA-AEM's
/// `ModellingLoopRadius`, a polygonal loop as the equal-area circle), one turn, and one or more moments (e.g. SkyTEM
/// low and high moment), each with its own waveform, repetition, windows and filters. The receiver measures the
/// vertical secondary field on the loop axis (see `SoundingGeometry`).
public struct TEMInstrument: Sendable, Hashable, Codable {
    public var name: String
    /// Loop radius a, m (> 0).
    public var loopRadius: Double
    public var moments: [TEMMoment]

    /// Most moments an instrument may have.
    public static let maxMoments = 8

    /// Creates and validates an instrument.
    public init(name: String, loopRadius: Double, moments: [TEMMoment]) throws {
        self.name = name
        self.loopRadius = loopRadius
        self.moments = moments
        try validate()
    }

    /// Loop radius finite and > 0, 1…8 moments with distinct names, each valid.
    public func validate() throws {
        guard loopRadius > 0, loopRadius.isFinite else {
            throw TEM1DError.invalidParameter(what: "loop radius", value: loopRadius, reason: "must be finite and > 0 m")
        }
        guard !moments.isEmpty, moments.count <= Self.maxMoments else {
            throw TEM1DError.invalidParameter(what: "moment count", value: Double(moments.count), reason: "must be within 1…\(Self.maxMoments)")
        }
        guard Set(moments.map(\.name)).count == moments.count else {
            throw TEM1DError.invalidSpec("moment names must be distinct: \(moments.map(\.name).joined(separator: ", "))")
        }
        for m in moments { try m.validate() }
    }

    /// Total number of windows over all moments.
    public var windowCount: Int { moments.reduce(0) { $0 + $1.windows.count } }
}
