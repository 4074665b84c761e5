/// All layers of one ECOSTRESS acquisition found on disk (files whose names differ only in the layer).
public struct EcostressGranule: Sendable, Equatable {
    /// A parsed name of one of its files (any layer): product, tile, time, orbit …
    public let name: EcostressFileName
    /// Layer → path.
    public let files: [String: String]
    /// Layers expected for this product but absent (see `EcostressCatalog`).
    public let missing: [String]

    public init(name: EcostressFileName, files: [String: String], missing: [String]) {
        self.name = name
        self.files = files
        self.missing = missing
    }

    /// Layer names present, sorted.
    public var layers: [String] { files.keys.sorted() }
}
