import Foundation
import GeoSupport

/// A 256-entry colour lookup table mapping normalised values 0...1 to colours.
///
/// Tables are data files in `Colormaps/` (one "r g b" line per entry, `#` comments), extracted
/// from matplotlib by `scripts/extract_colormaps.py`: viridis, magma, cividis (perceptually
/// uniform, CC0), terrain, and RdBu (ColorBrewer, diverging). Append `_r` to a name to reverse it.
public struct Colormap: Sendable, Equatable {
    /// Lower-case table name, with `_r` when reversed.
    public let name: String
    /// The table's colours, first entry for 0, last for 1.
    public let colors: [Color]
    /// True for diverging maps (RdBu), whose default range is symmetric about zero.
    public let isDiverging: Bool
    /// Premultiplied ARGB32 of each entry, for fast raster colouring.
    let argb: [UInt32]

    /// Names of the bundled tables.
    public static let names = ["viridis", "magma", "cividis", "terrain", "rdbu"]
    static let divergingNames: Set<String> = ["rdbu"]

    public init(name: String, colors: [Color], isDiverging: Bool = false) {
        self.name = name
        self.colors = colors
        self.isDiverging = isDiverging
        self.argb = colors.map(\.premultipliedARGB32)
    }

    /// A bundled colormap by (case-insensitive) name, e.g. "viridis", "RdBu", "magma_r".
    public static func named(_ name: String) throws(PlotError) -> Colormap {
        var key = name.lowercased()
        let reversed = key.hasSuffix("_r")
        if reversed { key.removeLast(2) }
        guard names.contains(key) else { throw .unknownColormap(name) }
        let base = try loaded(key)
        return reversed ? Colormap(name: key + "_r", colors: base.colors.reversed(), isDiverging: base.isDiverging)
                        : base
    }

    public static var viridis: Colormap { try! named("viridis") }

    /// The colour for normalised value `t` (clamped to 0...1; nearest table entry, as matplotlib).
    public func color(at t: Double) -> Color { colors[index(t)] }

    @inlinable func index(_ t: Double) -> Int {
        guard t.isFinite else { return t > 0 ? colors.count - 1 : 0 }
        return CheckedSize.clamped(t * Double(colors.count), to: 0...(colors.count - 1))
    }

    /// Parses a table file's text.
    public static func parse(_ text: String, name: String) throws(PlotError) -> Colormap {
        var colors: [Color] = []
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() {
            let s = line.trimmingCharacters(in: .whitespaces)
            if s.isEmpty || s.hasPrefix("#") { continue }
            let parts = s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).compactMap { Double($0) }
            guard parts.count == 3, parts.allSatisfy({ (0...1).contains($0) }) else {
                throw .colormapData(name: name, reason: "line \(n + 1) is not three numbers in 0...1")
            }
            colors.append(Color(red: parts[0], green: parts[1], blue: parts[2]))
        }
        guard colors.count >= 2 else { throw .colormapData(name: name, reason: "fewer than 2 entries") }
        return Colormap(name: name, colors: colors, isDiverging: divergingNames.contains(name))
    }

    /// Every bundled table, loaded once (thread-safe: Swift initialises statics exactly once).
    private static let bundled: [String: Result<Colormap, PlotError>] = {
        var out: [String: Result<Colormap, PlotError>] = [:]
        for n in names {
            guard let url = Bundle.module.url(forResource: n, withExtension: "txt", subdirectory: "Colormaps"),
                  let text = try? String(contentsOf: url, encoding: .utf8) else {
                out[n] = .failure(.colormapData(name: n, reason: "resource Colormaps/\(n).txt not found"))
                continue
            }
            do throws(PlotError) { out[n] = .success(try parse(text, name: n)) } catch { out[n] = .failure(error) }
        }
        return out
    }()

    private static func loaded(_ key: String) throws(PlotError) -> Colormap {
        switch bundled[key] {
        case .success(let c)?: return c
        case .failure(let e)?: throw e
        case nil: throw .unknownColormap(key)
        }
    }
}
