import Foundation
import Raster

/// The ECOSTRESS files in a directory tree, grouped into acquisitions (granules).
///
/// A granule's *missing* layers are those that other granules of the same product have, plus,
/// for L2T LSTE, the layers masks use (`QC`, `cloud`, `water`). Files ending in `.tif` whose
/// names do not parse are listed in `unrecognized` (they are not an error).
public struct EcostressCatalog: Sendable {
    /// Layers every L2T LSTE granule should have for masking.
    public static let lsteMaskLayers = ["QC", "cloud", "water"]

    /// Granules sorted by acquisition time, product, tile.
    public let granules: [EcostressGranule]
    /// `.tif` files that are not ECOSTRESS names, with the reason.
    public let unrecognized: [EcostressNameError]

    /// Scans `directory` recursively (hidden files and temporary outputs are skipped).
    public init(directory: String) throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else {
            throw RasterError(.notFound, path: directory, "no such directory")
        }
        guard isDir.boolValue else { throw RasterError(.invalidArgument, path: directory, "is not a directory") }
        var paths: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let rel = enumerator?.nextObject() as? String {
            let last = (rel as NSString).lastPathComponent
            guard !last.hasPrefix("."), last.lowercased().hasSuffix(".tif") || last.lowercased().hasSuffix(".tiff") else { continue }
            paths.append((directory as NSString).appendingPathComponent(rel))
        }
        self.init(paths: paths.sorted())
    }

    /// Groups the given files.
    public init(paths: [String]) {
        var groups: [String: (name: EcostressFileName, files: [String: String])] = [:]
        var bad: [EcostressNameError] = []
        for path in paths {
            do {
                let name = try EcostressFileName(path)
                let dir = (path as NSString).deletingLastPathComponent
                let key = dir + "/" + name.granule
                groups[key, default: (name, [:])].files[name.layer] = path
            } catch {
                bad.append(error)
            }
        }
        var expected: [String: Set<String>] = [:]
        for g in groups.values { expected[g.name.product, default: []].formUnion(g.files.keys) }
        for (product, _) in expected where product == "L2T_LSTE" { expected[product]!.formUnion(Self.lsteMaskLayers) }
        granules = groups.values.map { g in
            EcostressGranule(name: g.name, files: g.files,
                             missing: expected[g.name.product, default: []].subtracting(g.files.keys).sorted())
        }.sorted { a, b in
            (a.name.acquired, a.name.product, a.name.tile ?? "", a.name.fileName)
                < (b.name.acquired, b.name.product, b.name.tile ?? "", b.name.fileName)
        }
        unrecognized = bad
    }

    public var products: [String] { Set(granules.map(\.name.product)).sorted() }
    public var tiles: [String] { Set(granules.compactMap(\.name.tile)).sorted() }
    public var layers: [String] { Set(granules.flatMap(\.files.keys)).sorted() }
    public var dates: [String] { Set(granules.map(\.name.acquired.isoDate)).sorted() }
}
