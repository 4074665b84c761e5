/// What an ECOSTRESS regrid does, as data: which files, sites and layers, the target grid, the
/// valid-fraction rule, the mask, and where the outputs go.
public struct RegridParameters: Sendable {
    /// Directory of ECOSTRESS tiles (scanned recursively, `EcostressCatalog`).
    public var directory: String
    /// Sites file: CSV or YAML (`Site.load`).
    public var sitesFile: String
    /// Layers to regrid, e.g. `["LST", "LST_err"]`.
    public var variables: [String]
    /// Target cell size in target-CRS units.
    public var resolution: (x: Double, y: Double)
    /// Target CRS (any definition GDAL accepts); nil: the CRS of the first file.
    public var targetCRS: String?
    /// A coarse cell is kept when valid pixels / pixels in the cell ≥ this (0…1).
    public var minValidFraction: Double
    /// Pixels excluded before aggregation.
    public var mask: EcostressMask
    /// Where `<site>_<VAR>.tif` and `.csv` are written (created if missing).
    public var outputDirectory: String
    /// The sites of the sites file to regrid, by name (a batch job regrids one); nil: every site.
    public var siteNames: [String]?

    public init(directory: String, sitesFile: String, variables: [String], resolution: (x: Double, y: Double),
                targetCRS: String? = nil, minValidFraction: Double = 0.5, mask: EcostressMask = EcostressMask(),
                outputDirectory: String) {
        self.directory = directory
        self.sitesFile = sitesFile
        self.variables = variables
        self.resolution = resolution
        self.targetCRS = targetCRS
        self.minValidFraction = minValidFraction
        self.mask = mask
        self.outputDirectory = outputDirectory
    }

    /// Checks the values; throws an `EcostressError` naming the field.
    public func validate() throws {
        guard [resolution.x, resolution.y].allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw EcostressError(field: .resolution, "needs two positive numbers (x, y)")
        }
        guard (0...1).contains(minValidFraction) else { throw EcostressError(field: .minValidFraction, "must be within 0…1") }
        guard !variables.isEmpty else { throw EcostressError(field: .variables, "names no layer") }
    }
}
