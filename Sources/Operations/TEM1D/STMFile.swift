import Foundation
import TEM1D

/// Reads one moment of a real instrument from a GA-AEM time-domain system file (`.stm`; the block language of
/// Geoscience Australia's ga-aem, meanings from its `src/tdemsystem.cpp`). Supported keys:
///
/// * `System`: `Name`, `Type = Time Domain`.
/// * `Transmitter`: `BaseFrequency` (Hz; the `WaveFormCurrent` pulse repeats every half period with alternating
///   sign), `WaveFormCurrent Begin … End` (rows `time current`, s and peak-current units; one half cycle, straight
///   lines between points), `PeakCurrent`, `NumberOfTurns`, `LoopArea` (recorded; geotool reports per 1 A in one
///   turn and does not scale by area), `WaveformDigitisingFrequency` (ignored: geotool's response is continuous).
/// * `Receiver`: `NumberOfWindows`, `WindowWeightingScheme` (`AreaUnderCurve`, `Boxcar`, `LinearTaper`),
///   `WindowTimes` or `Windows` (rows `open close`, s), `LowPassFilter Begin … End` (`CutOffFrequency`, `Order`,
///   lists of equal length; (1 + i f/fc)^(−order) each).
/// * `ForwardModelling`: `ModellingLoopRadius` (m, required), `OutputType` (`dB/dt` or `B`, recorded),
///   `SecondaryFieldNormalisation = none`; GA-AEM's numerical settings (`FrequenciesPerDecade`,
///   `NumberOfAbsiccaInHankelTransformEvaluation`, `SaveDiagnosticFiles`, `X/Y/ZOutputScaling`) are accepted and
///   ignored (`ZOutputScaling` must be 1).
///
/// Anything else is an error naming the file, line and key.
public struct STMFile: Sendable {
    public let moment: TEMMoment
    /// `ForwardModelling.ModellingLoopRadius`, m.
    public let loopRadius: Double
    /// `System.Name`.
    public let systemName: String
    /// `ForwardModelling.OutputType` as written (`dB/dt` or `B`).
    public let outputType: String

    /// Reads `file`; `name` names the moment (default: the file's base name).
    public init(file: String, momentName: String? = nil, periods: Int = TEMMoment.defaultPeriods) throws {
        let root = try STMBlock.load(file: file)
        try root.checkKeys(["System"])
        guard let system = try root.block("System") else {
            throw OperationError("\(file): line 1, System: the 'System Begin' block is missing")
        }
        try system.checkKeys(["Name", "Type", "Transmitter", "Receiver", "ForwardModelling"],
                             unsupported: ["ReferenceGeometry": "PPM normalisation is not supported"])
        systemName = try system.entry("Name")?.value ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        if let type = try system.entry("Type"), type.value.caseInsensitiveCompare("Time Domain") != .orderedSame {
            throw system.error(line: type.line, key: "Type", "'\(type.value)' is not supported (only Time Domain)")
        }
        guard let tx = try system.block("Transmitter") else { throw system.error(line: system.line, key: "Transmitter", "block is required") }
        guard let rx = try system.block("Receiver") else { throw system.error(line: system.line, key: "Receiver", "block is required") }
        guard let fm = try system.block("ForwardModelling") else {
            throw system.error(line: system.line, key: "ForwardModelling", "block is required")
        }

        // Transmitter.
        try tx.checkKeys(["NumberOfTurns", "PeakCurrent", "LoopArea", "BaseFrequency", "WaveformDigitisingFrequency", "WaveFormCurrent"],
                         unsupported: ["WaveformReceived": "only a transmitter current waveform (WaveFormCurrent) is supported"])
        for key in ["NumberOfTurns", "LoopArea", "WaveformDigitisingFrequency"] {
            if let v = try tx.optionalNumber(key), !(v > 0) {
                throw tx.error(line: try tx.entry(key)!.line, key: key, "\(v) must be > 0")
            }
        }
        let peak = try tx.optionalNumber("PeakCurrent") ?? 1
        guard peak > 0 else { throw tx.error(line: try tx.entry("PeakCurrent")!.line, key: "PeakCurrent", "\(peak) must be > 0") }
        let f0 = try tx.number("BaseFrequency")
        guard f0 > 0 else { throw tx.error(line: try tx.entry("BaseFrequency")!.line, key: "BaseFrequency", "\(f0) must be > 0 Hz") }
        if let fileKey = try tx.entry("WaveFormCurrent") {
            throw tx.error(line: fileKey.line, key: "WaveFormCurrent", "a waveform in a separate file is not supported: give the rows in a WaveFormCurrent block")
        }
        guard let waveBlock = try tx.block("WaveFormCurrent") else {
            throw tx.error(line: tx.line, key: "WaveFormCurrent", "block is required (rows: time s, current)")
        }
        try waveBlock.checkKeys([], isTable: true)
        let waveRows = try waveBlock.table(columns: 2)
        guard waveRows.count >= 2 else {
            throw tx.error(line: waveBlock.line, key: "WaveFormCurrent", "needs at least two rows (time s, current)")
        }
        for k in 1..<waveRows.count where !(waveRows[k].values[0] > waveRows[k - 1].values[0]) {
            throw OperationError("\(file): line \(waveRows[k].line), Transmitter.WaveFormCurrent: waveform times must be strictly increasing: \(waveRows[k].values[0]) s follows \(waveRows[k - 1].values[0]) s")
        }
        let span = waveRows[waveRows.count - 1].values[0] - waveRows[0].values[0]
        if span > 0.5 / f0 * (1 + 1e-9) {
            throw tx.error(line: try tx.entry("BaseFrequency")!.line, key: "BaseFrequency",
                           "the half period \(0.5 / f0) s of \(f0) Hz is shorter than the waveform (\(span) s, lines \(waveRows[0].line)–\(waveRows[waveRows.count - 1].line))")
        }
        for end in [waveRows[0], waveRows[waveRows.count - 1]] where end.values[1] != 0 {
            throw OperationError("\(file): line \(end.line), Transmitter.WaveFormCurrent: the first and last rows must have zero current (one pulse), got \(end.values[1])")
        }

        // Receiver.
        try rx.checkKeys(["NumberOfWindows", "WindowWeightingScheme", "WindowTimes", "Windows", "LowPassFilter"])
        let schemeEntry = try rx.entry("WindowWeightingScheme")
        guard let schemeEntry else { throw rx.error(line: rx.line, key: "WindowWeightingScheme", "is required") }
        guard let weighting = WindowWeighting.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(schemeEntry.value) == .orderedSame }) else {
            throw rx.error(line: schemeEntry.line, key: "WindowWeightingScheme",
                           "'\(schemeEntry.value)' is not one of \(WindowWeighting.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let windowBlocks = [try rx.block("WindowTimes"), try rx.block("Windows")].compactMap { $0 }
        guard windowBlocks.count == 1 else {
            throw rx.error(line: windowBlocks.count > 1 ? windowBlocks[1].line : rx.line, key: "WindowTimes",
                           "give exactly one window block (WindowTimes or Windows)")
        }
        try windowBlocks[0].checkKeys([], isTable: true)
        let windowRows = try windowBlocks[0].table(columns: 2)
        guard !windowRows.isEmpty else { throw rx.error(line: windowBlocks[0].line, key: windowBlocks[0].name, "needs at least one window") }
        if let n = try rx.optionalNumber("NumberOfWindows"), n != Double(windowRows.count) {
            throw rx.error(line: try rx.entry("NumberOfWindows")!.line, key: "NumberOfWindows",
                           "says \(n) but the \(windowBlocks[0].name) block has \(windowRows.count) rows")
        }
        var windows: [Gate] = []
        for (k, row) in windowRows.enumerated() {
            let (open, close) = (row.values[0], row.values[1])
            let place = "\(file): line \(row.line), Receiver.\(windowBlocks[0].name)"
            guard close > open else { throw OperationError("\(place): the window closes (\(close) s) before it opens (\(open) s)") }
            if k > 0, open < windowRows[k - 1].values[1] {
                throw OperationError("\(place): the window opens at \(open) s, before the previous one closes (\(windowRows[k - 1].values[1]) s)")
            }
            windows.append(Gate(open: open, close: close))
        }
        var filters: [LowPassFilter] = []
        if let lp = try rx.block("LowPassFilter") {
            try lp.checkKeys(["CutOffFrequency", "Order"])
            let cut = try lp.numbers("CutOffFrequency"), order = try lp.numbers("Order")
            guard let cut, let order else {
                throw lp.error(line: lp.line, key: cut == nil ? "CutOffFrequency" : "Order", "is required in a LowPassFilter block")
            }
            guard cut.values.count == order.values.count else {
                throw lp.error(line: order.line, key: "Order", "\(order.values.count) orders for \(cut.values.count) cut-off frequencies")
            }
            for (fc, n) in zip(cut.values, order.values) {
                guard fc > 0 else { throw lp.error(line: cut.line, key: "CutOffFrequency", "\(fc) must be > 0 Hz") }
                guard n == n.rounded(), LowPassFilter.orders.contains(Int(n)) else {
                    throw lp.error(line: order.line, key: "Order", "\(n) must be an integer within \(LowPassFilter.orders.lowerBound)…\(LowPassFilter.orders.upperBound)")
                }
                filters.append(try LowPassFilter(cutoff: fc, order: Int(n)))
            }
        }

        // ForwardModelling.
        try fm.checkKeys(["ModellingLoopRadius", "OutputType", "SaveDiagnosticFiles", "XOutputScaling", "YOutputScaling",
                          "ZOutputScaling", "SecondaryFieldNormalisation", "FrequenciesPerDecade",
                          "NumberOfAbsiccaInHankelTransformEvaluation"])
        loopRadius = try fm.number("ModellingLoopRadius")
        guard loopRadius > 0 else {
            throw fm.error(line: try fm.entry("ModellingLoopRadius")!.line, key: "ModellingLoopRadius",
                           "\(loopRadius) must be > 0 m (a loop source; GA-AEM's 0 = magnetic dipole is not supported)")
        }
        let output = try fm.entry("OutputType")
        outputType = output?.value ?? "dB/dt"
        if let output, !["db/dt", "b"].contains(output.value.lowercased()) {
            throw fm.error(line: output.line, key: "OutputType", "'\(output.value)' is not dB/dt or B")
        }
        if let norm = try fm.entry("SecondaryFieldNormalisation"), norm.value.lowercased() != "none" {
            throw fm.error(line: norm.line, key: "SecondaryFieldNormalisation", "'\(norm.value)' is not supported (only none)")
        }
        if let z = try fm.optionalNumber("ZOutputScaling"), z != 1 {
            throw fm.error(line: try fm.entry("ZOutputScaling")!.line, key: "ZOutputScaling", "\(z) is not supported (only 1)")
        }
        for key in ["XOutputScaling", "YOutputScaling", "FrequenciesPerDecade", "NumberOfAbsiccaInHankelTransformEvaluation"] {
            _ = try fm.optionalNumber(key)   // must be numbers; not used
        }

        let name = momentName ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        do {
            moment = try TEMMoment(name: name, waveform: Waveform(times: waveRows.map { $0.values[0] }, currents: waveRows.map { $0.values[1] }),
                                   baseFrequency: f0, peakCurrent: peak, windows: windows, weighting: weighting,
                                   filters: filters, periods: periods)
        } catch let e as TEM1DError {
            throw OperationError("\(file): \(e)")
        }
    }
}
