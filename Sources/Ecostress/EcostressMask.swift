import Foundation
import Grid
import Raster

/// Which pixels of an ECOSTRESS layer to exclude, and how to find that out from the matching
/// layers of the same acquisition (`…_QC.tif`, `…_cloud.tif`, `…_water.tif` beside the file)
/// and an optional land-cover raster. A pixel is masked when any requested test fails:
/// - `qc`: the QC word's mandatory QA (bits 0–1) is worse than the level (`.best` keeps 00,
///   `.nominal` keeps 00 and 01); see `EcostressQC`.
/// - `layers` (e.g. `cloud`, `water`): the layer's value is 1, or it is nodata (255) — an
///   unknown cloud/water state is not taken as clear.
/// - `landCover`: see `LandCoverFilter`.
public struct EcostressMask: Sendable, Equatable {
    /// Minimum mandatory QA level kept, nil = QC not used.
    public var qc: EcostressQC.MandatoryQA?
    /// Companion 0/1 layers whose value 1 masks a pixel (e.g. `["cloud", "water"]`).
    public var layers: [String]
    public var landCover: LandCoverFilter?

    public init(qc: EcostressQC.MandatoryQA? = nil, layers: [String] = [], landCover: LandCoverFilter? = nil) {
        self.qc = qc
        self.layers = layers
        self.landCover = landCover
    }

    /// True when the mask excludes nothing.
    public var isEmpty: Bool { qc == nil && layers.isEmpty && landCover == nil }

    /// The rule for one pixel: `qc` is its QC word (nil when unknown), `layerValues` the
    /// values of `layers` in order (NaN = nodata), `landCover` its land-cover value (NaN = none).
    public func isMasked(qc word: UInt16?, layerValues: [Double], landCover value: Double) -> Bool {
        if let level = qc {
            guard let word, EcostressQC(word).passes(level) else { return true }
        }
        for v in layerValues where v.isNaN || v == 1 { return true }
        if let landCover, landCover.masks(value) { return true }
        return false
    }

    /// Every file the mask reads for `file`: its existing companion layers and the land-cover raster
    /// (for listing a command's inputs; missing companions are reported by `companionPaths`).
    public func inputFiles(for file: String) -> [String] {
        let companions = (try? companionPaths(for: file)).map { ($0.qc.map { [$0] } ?? []) + $0.layers } ?? []
        return companions + (landCover.map { [$0.path] } ?? [])
    }

    /// The companion files the mask reads for `file` (QC first if used, then `layers`), which
    /// must exist beside it. Throws naming the missing file.
    public func companionPaths(for file: String) throws -> (qc: String?, layers: [String]) {
        if qc == nil && layers.isEmpty { return (nil, []) }
        let name: EcostressFileName
        do { name = try EcostressFileName(file) } catch {
            throw RasterError(.invalidArgument, path: file, "masks need an ECOSTRESS file name (\(error.part) \(error.message))")
        }
        let dir = (file as NSString).deletingLastPathComponent
        func existing(_ layer: String) throws -> String {
            let p = dir.isEmpty ? name.companion(layer: layer) : (dir as NSString).appendingPathComponent(name.companion(layer: layer))
            guard FileManager.default.fileExists(atPath: p) else {
                throw RasterError(.notFound, path: file, "the \(layer) layer needed for masking is missing (\(p))")
            }
            return p
        }
        return (try qc.map { _ in try existing("QC") }, try layers.map(existing))
    }

    /// Mask flags for points given by their pixels in `file`'s grid (`samples.pixels`), reading the
    /// companion layers at those pixels (each needed block once) and sampling the land cover at
    /// the points' projected coordinates (`xs`/`ys` in the file's CRS `crsWKT`).
    public func pointFlags(for file: String, pixels: [PixelIndex?], xs: [Double], ys: [Double],
                           crsWKT: String?) throws -> [Bool] {
        let paths = try companionPaths(for: file)
        // Pixel centres keep every companion lookup on exactly the pixel the point fell in.
        let gt = try Dataset.open(file).geoTransform ?? .identity
        let centres = pixels.map { p in p.map { gt.center(col: $0.col, row: $0.row) } }
        let cx = centres.map { $0?.x ?? .nan }, cy = centres.map { $0?.y ?? .nan }
        func sample(_ path: String) throws -> [Double] {
            try PointSampler(dataset: try Dataset.open(path)).sample(xs: cx, ys: cy, bands: [1]).values[0]
        }
        let qcValues = try paths.qc.map(sample)
        let layerValues = try paths.layers.map(sample)
        let lc = try landCover?.values(xs: xs, ys: ys, crsWKT: crsWKT, path: file)
        return pixels.indices.map { i in
            isMasked(qc: qcValues.flatMap { $0[i].isNaN ? nil : UInt16(exactly: $0[i]) },
                     layerValues: layerValues.map { $0[i] },
                     landCover: lc?[i] ?? .nan)
        }
    }

    /// Mask flags for every pixel of `file` (row-major, `width × height`), reading the companion
    /// layers whole and sampling the land cover at every pixel centre.
    public func gridFlags(for file: String) throws -> Grid<Bool> {
        let paths = try companionPaths(for: file)
        let ds = try Dataset.open(file)
        let (w, h) = (ds.width, ds.height)
        func read(_ path: String) throws -> Grid<Double> {
            let band = try Dataset.open(path).band(1)
            guard band.width == w, band.height == h else {
                throw RasterError(.invalidArgument, path: path, "is \(band.width)×\(band.height), but \(file) is \(w)×\(h)")
            }
            return try band.read(Double.self)
        }
        let qcGrid = try paths.qc.map(read)
        let layerGrids = try paths.layers.map(read)
        var lc: [Double]? = nil
        if let landCover {
            let gt = ds.geoTransform ?? .identity
            var xs = [Double](), ys = [Double]()
            xs.reserveCapacity(w * h); ys.reserveCapacity(w * h)
            for r in 0..<h { for c in 0..<w { let p = gt.center(col: c, row: r); xs.append(p.x); ys.append(p.y) } }
            lc = try landCover.values(xs: xs, ys: ys, crsWKT: ds.crsWKT, path: file)
        }
        var flags = [Bool](repeating: false, count: w * h)
        var layerValues = [Double](repeating: .nan, count: layerGrids.count)   // reused: no per-pixel allocation
        for i in 0..<(w * h) {
            let word = qcGrid.flatMap { $0.isValid(at: i) ? UInt16(exactly: $0.values[i]) : nil }
            for (k, g) in layerGrids.enumerated() { layerValues[k] = g.isValid(at: i) ? g.values[i] : .nan }
            flags[i] = isMasked(qc: word, layerValues: layerValues, landCover: lc?[i] ?? .nan)
        }
        return Grid(width: w, height: h, values: flags)
    }
}
