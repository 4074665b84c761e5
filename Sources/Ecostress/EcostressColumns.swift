/// The ECOSTRESS columns geotool adds to CSV outputs when a file name parses:
/// `product, layer, date (ISO), year, doy, time, tile`.
public enum EcostressColumns {
    /// The column names, in order.
    public static let header = ["product", "layer", "date", "year", "doy", "time", "tile"]

    /// The column values for a parsed name, or empty fields for a file that is not ECOSTRESS.
    public static func fields(_ name: EcostressFileName?) -> [String] {
        guard let n = name else { return Array(repeating: "", count: header.count) }
        let t = n.acquired
        return [n.product, n.layer, t.isoDate, String(t.year), String(t.dayOfYear), t.timeOfDay, n.tile ?? ""]
    }
}
