import Foundation
import GeoSupport
import TEM1D

/// A real instrument for `tem1d run --system`: a GA-AEM `.stm` file (one moment) or a YAML instrument file (one or
/// more moments, each from an `.stm` file or written out), see fixtures/tem1d/skytem.yaml and docs/TEM1D.md:
///
/// ```yaml
/// name: SkyTEM BHMAR 2009
/// loop_radius: 9.9975                 # m; optional when every moment comes from an .stm file (then theirs, equal)
/// moments:
///   - name: LM                        # column prefix (letters, digits, _)
///     stm: systems/Skytem-LM.stm      # relative to this file and below its directory
///   - name: HM
///     base_frequency: 25              # Hz; omit for a single pulse
///     peak_current: 1                 # A (recorded; outputs are per 1 A)
///     waveform: [[-1.0e-2, 0], [0, 1], [4.0e-5, 0]]       # [time s, current in peak units], first/last current 0
///     windows: [[7.539e-5, 9.6e-5], [9.639e-5, 1.22e-4]]  # [open, close] s, same axis as the waveform
///     weighting: AreaUnderCurve       # or Boxcar, LinearTaper
///     filters: [{cutoff: 3.0e5, order: 1}, {cutoff: 4.5e5, order: 2}]
///     periods: 32                     # full periods of the repetition summed (default 32)
/// ```
///
/// A YAML file without `moments` is the idealised central-loop system (`SystemFile`).
public enum InstrumentFile {
    static let keys = ["name", "loop_radius", "moments"]
    static let momentKeys = ["name", "stm", "base_frequency", "peak_current", "waveform", "windows", "weighting", "filters", "periods"]

    /// The instrument in `file` (`.stm`, or YAML with `moments`), or nil for an idealised YAML system file.
    public static func load(_ file: String) throws -> TEMInstrument? {
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "stm":
            let stm = try STMFile(file: file, momentName: momentName(fromFile: file))
            return try wrap(file) { try TEMInstrument(name: stm.systemName, loopRadius: stm.loopRadius, moments: [stm.moment]) }
        case "yaml", "yml":
            let root = try YAMLField.load(file: file)
            guard root.isMapping, try root.optional("moments") != nil else { return nil }
            return try instrument(root, file: file)
        default:
            throw OperationError("\(file): a system must be a .yaml/.yml file or a GA-AEM .stm file")
        }
    }

    /// A moment name from a file name: its letters, digits and underscores.
    static func momentName(fromFile file: String) -> String {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let cleaned = String(stem.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
        return cleaned.isEmpty ? "moment" : cleaned
    }

    private static func wrap<T>(_ file: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as TEM1DError { throw OperationError("\(file): \(e)") }
    }

    private static func instrument(_ root: YAMLField, file: String) throws -> TEMInstrument {
        try root.checkKeys(keys)
        let name = try root.optional("name")?.text() ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let items = try root.required("moments").items()
        guard !items.isEmpty, items.count <= TEMInstrument.maxMoments else {
            throw try root.required("moments").error("needs 1…\(TEMInstrument.maxMoments) moments")
        }
        var moments: [TEMMoment] = [], radii: [(Double, YAMLField)] = []
        for item in items {
            let (moment, radius) = try self.moment(item, file: file)
            if let r = radius { radii.append((r, item)) }
            if moments.contains(where: { $0.name == moment.name }) {
                throw try item.required("name").error("moment name '\(moment.name)' is used twice")
            }
            moments.append(moment)
        }
        let loopRadius: Double
        if let r = try root.optional("loop_radius") {
            loopRadius = try r.positive("loop radius (m)")
            if let (other, item) = radii.first(where: { $0.0 != loopRadius }) {
                throw try item.required("stm").error("its ModellingLoopRadius \(other) m differs from loop_radius \(loopRadius) m")
            }
        } else {
            guard radii.count == moments.count, let first = radii.first else {
                throw root.error("loop_radius (m) is required unless every moment comes from an .stm file")
            }
            if let (other, item) = radii.first(where: { $0.0 != first.0 }) {
                throw try item.required("stm").error("its ModellingLoopRadius \(other) m differs from the first moment's \(first.0) m")
            }
            loopRadius = first.0
        }
        return try wrap(file) { try TEMInstrument(name: name, loopRadius: loopRadius, moments: moments) }
    }

    /// One moment; with `stm:` also that file's loop radius.
    private static func moment(_ item: YAMLField, file: String) throws -> (TEMMoment, Double?) {
        try item.checkKeys(momentKeys)
        let nameField = try item.required("name")
        let name = try nameField.text()
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            throw nameField.error("'\(name)' must be letters, digits and _ (it prefixes the output columns)")
        }
        let periods = try item.optional("periods")?.integer(in: TEMMoment.periodRange) ?? TEMMoment.defaultPeriods
        if let stmField = try item.optional("stm") {
            for key in momentKeys where !["name", "stm", "periods"].contains(key) {
                if let other = try item.optional(key) { throw other.error("give either stm or the moment's keys, not both") }
            }
            let relative = try stmField.text()
            let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
            guard !relative.hasPrefix("/") else { throw stmField.error("'\(relative)' must be relative to the system file") }
            let path = ContainedPath.resolve(relative, base: directory)
            guard ContainedPath.isInside(path, root: directory) else {
                throw stmField.error("'\(relative)' leaves the system file's directory")
            }
            let stm = try STMFile(file: path, momentName: name, periods: periods)
            return (stm.moment, stm.loopRadius)
        }
        let baseFrequency = try item.optional("base_frequency")?.positive("base frequency (Hz)")
        let peak = try item.optional("peak_current")?.positive("peak current (A)") ?? 1
        let waveRows = try pairs(try item.required("waveform"), what: "[time s, current]")
        for k in 1..<waveRows.count where !(waveRows[k].values.0 > waveRows[k - 1].values.0) {
            throw waveRows[k].field.error("waveform times must be strictly increasing: \(waveRows[k].values.0) s follows \(waveRows[k - 1].values.0) s")
        }
        let windowRows = try pairs(try item.required("windows"), what: "[open s, close s]")
        for (k, row) in windowRows.enumerated() {
            guard row.values.1 > row.values.0 else {
                throw row.field.error("the window closes (\(row.values.1) s) before it opens (\(row.values.0) s)")
            }
            if k > 0, row.values.0 < windowRows[k - 1].values.1 {
                throw row.field.error("the window opens at \(row.values.0) s, before the previous one closes (\(windowRows[k - 1].values.1) s)")
            }
        }
        var weighting = WindowWeighting.areaUnderCurve
        if let w = try item.optional("weighting") {
            let text = try w.text()
            guard let v = WindowWeighting.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(text) == .orderedSame }) else {
                throw w.error("'\(text)' is not one of \(WindowWeighting.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            weighting = v
        }
        var filters: [LowPassFilter] = []
        if let list = try item.optional("filters") {
            for f in try list.items() {
                try f.checkKeys(["cutoff", "order"])
                let cutoff = try f.required("cutoff").positive("cut-off frequency (Hz)")
                let order = try f.required("order").integer(in: LowPassFilter.orders)
                filters.append(try wrap(file) { try LowPassFilter(cutoff: cutoff, order: order) })
            }
        }
        let moment = try wrap(file) {
            try TEMMoment(name: name, waveform: Waveform(times: waveRows.map(\.values.0), currents: waveRows.map(\.values.1)),
                          baseFrequency: baseFrequency, peakCurrent: peak,
                          windows: windowRows.map { Gate(open: $0.values.0, close: $0.values.1) },
                          weighting: weighting, filters: filters, periods: periods)
        }
        return (moment, nil)
    }

    /// A list of two-number rows.
    private static func pairs(_ field: YAMLField, what: String) throws -> [(values: (Double, Double), field: YAMLField)] {
        let items = try field.items()
        guard !items.isEmpty, items.count <= Waveform.maxVertices else { throw field.error("needs 1…\(Waveform.maxVertices) rows \(what)") }
        return try items.map { item in
            let pair = try item.items()
            guard pair.count == 2 else { throw item.error("a row is \(what), got \(pair.count) values") }
            return ((try pair[0].number(), try pair[1].number()), item)
        }
    }
}
