import Foundation
import GeoSupport
import TEM1D

/// The layout of a `tem1d run` output, shared by both formats: one row per model with the columns
/// `model_index, rho_1…rho_n, thk_1…thk_{n−1}, t_<gate centre time>…` (e.g. `t_1.000e-06`, in s), values of the
/// chosen quantity; n is the largest layer count, and a model with fewer layers has empty cells (CSV) or NaN (NPY)
/// in the rho/thk columns it lacks. CSV: that header line, then numbers in shortest round-trip form. NPY: a float64
/// 2-D array (rows × columns, C order) with the same columns (model_index as a float); the column names go to a
/// sidecar JSON.
public struct ResponseTable: Sendable {
    /// The output format, chosen by the file extension.
    public enum Format: String, Sendable {
        case csv, npy

        /// The format for an output path (by extension).
        public init(outputPath: String) throws {
            guard let f = Format(rawValue: URL(fileURLWithPath: outputPath).pathExtension.lowercased()) else {
                throw OperationError("\(outputPath): the output must end in .csv or .npy")
            }
            self = f
        }
    }

    public let format: Format
    public let quantity: TEM1DQuantity
    public let columns: [String]
    public let rowCount: Int
    /// Largest layer count (width of the rho/thk block).
    public let layerCount: Int

    /// The layout of `rowCount` models of up to `n` layers and the gates at `gateTimes`.
    public init(format: Format, quantity: TEM1DQuantity, layerCount n: Int, gateTimes: [Double], rowCount: Int) {
        self.format = format
        self.quantity = quantity
        self.rowCount = rowCount
        layerCount = n
        columns = ["model_index"] + (1...n).map { "rho_\($0)" } + (1..<n).map { "thk_\($0)" }
            + ResponseTable.gateColumnNames(gateTimes)
    }

    /// The layout for an instrument: the gate columns are every moment's windows in order, named
    /// `<moment>_t_<window mid time>` (e.g. `LM_t_1.720e-05`; arithmetic mid-point (open + close)/2, s, on the
    /// waveform's time axis).
    public init(format: Format, quantity: TEM1DQuantity, layerCount n: Int, instrument: TEMInstrument, rowCount: Int) {
        self.format = format
        self.quantity = quantity
        self.rowCount = rowCount
        layerCount = n
        columns = ["model_index"] + (1...n).map { "rho_\($0)" } + (1..<n).map { "thk_\($0)" }
            + instrument.moments.flatMap { m in
                ResponseTable.gateColumnNames(m.windows.map { ($0.open + $0.close) / 2 }).map { "\(m.name)_\($0)" }
            }
    }

    /// `t_%.3e` names of the gate (centre) times, with more digits where three would make two names equal.
    public static func gateColumnNames(_ times: [Double]) -> [String] {
        for digits in 3...16 {
            let names = times.map { String(format: "t_%.\(digits)e", $0) }
            if Set(names).count == names.count { return names }
        }
        return times.indices.map { "t_\($0)" }
    }

    /// The bytes before the first row: the CSV header line or the NPY header.
    public func header() -> [UInt8] {
        switch format {
        case .csv: return Array(CSVWriter.text([columns]).utf8)
        case .npy: return NPYHeader.float64(rows: rowCount, columns: columns.count)
        }
    }

    /// The rows of one finished chunk, encoded.
    public func encode(_ chunk: ChunkResult, models: [LayeredModel]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(chunk.responses.count * columns.count * (format == .npy ? 8 : 24))
        for (index, response) in zip(chunk.range, chunk.responses) {
            let m = models[index]
            let padding = [Double](repeating: .nan, count: layerCount - m.layerCount)
            let values = m.resistivities + padding + m.thicknesses + padding + quantity.values(response)
            switch format {
            case .csv:
                CSVWriter.appendRecord([String(index)] + values.map { $0.isNaN ? "" : "\($0)" }, to: &out)
            case .npy:
                for v in [Double(index)] + values {
                    withUnsafeBytes(of: v.bitPattern.littleEndian) { out += $0 }
                }
            }
        }
        return out
    }

    /// The NPY sidecar for an instrument run (column layout, quantity, moments with their windows, geometry — nil:
    /// per model, from the models CSV — provenance) as JSON, or nil for CSV.
    public func sidecar(instrument: TEMInstrument, geometry: SoundingGeometry?, inputs: [String]) throws -> Data? {
        guard format == .npy else { return nil }
        let moments: [[String: Any]] = instrument.moments.map { m in
            [
                "name": m.name,
                "window_open_s": m.windows.map(\.open),
                "window_close_s": m.windows.map(\.close),
                "weighting": m.weighting.rawValue,
                "base_frequency_hz": m.baseFrequency ?? NSNull(),
                "peak_current_a": m.peakCurrent,
                "filters": m.filters.map { ["cutoff_hz": $0.cutoff, "order": $0.order] },
                "periods": m.periods,
            ]
        }
        let object: [String: Any] = [
            "dtype": "<f8",
            "shape": [rowCount, columns.count],
            "columns": columns,
            "quantity": quantity.rawValue,
            "unit": quantity.unit + ", window mean, secondary field, receiver filters applied, per 1 A of peak current",
            "instrument": instrument.name,
            "loop_radius_m": instrument.loopRadius,
            "height_m": geometry.map { $0.height as Any } ?? "per model (models CSV column height)",
            "receiver_offset_m": geometry.map { $0.receiverOffset as Any } ?? "per model (models CSV column rx_dz)",
            "moments": moments,
            "provenance": Provenance.metadata(inputs: inputs),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }

    /// The NPY sidecar (column layout, quantity, gates, provenance) as JSON, or nil for CSV.
    public func sidecar(system: TEMSystem, inputs: [String]) throws -> Data? {
        guard format == .npy else { return nil }
        let object: [String: Any] = [
            "dtype": "<f8",
            "shape": [rowCount, columns.count],
            "columns": columns,
            "quantity": quantity.rawValue,
            "unit": quantity.unit,
            "gate_open_s": system.gates.map(\.open),
            "gate_close_s": system.gates.map(\.close),
            "loop_radius_m": system.loopRadius,
            "height_m": system.height,
            "ramp_time_s": system.rampTime,
            "provenance": Provenance.metadata(inputs: inputs),
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
