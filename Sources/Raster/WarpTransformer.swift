import Grid
import GDALShim

/// GDAL's destination-pixel → source-pixel transformer, built the way `gdalwarp` builds it for a
/// single source: a general image-projection transformer (`GDALCreateGenImgProjTransformer2`
/// with `DST_SRS`), refreshed by `GDALSuggestedWarpOutput2`, given the destination geotransform,
/// and wrapped in the approximate transformer with gdalwarp's default error of 0.125 pixel.
///
/// The approximate transformer interpolates along a row between exactly transformed points, so
/// its results depend on the whole row passed at once: callers that must match `gdalwarp` bit for
/// bit transform each destination row in one call, at the pixel centres, as GDAL's warp kernel does.
///
/// Like a `Dataset`, a transformer belongs to one thread.
public final class WarpTransformer {
    private let approx: UnsafeMutableRawPointer

    /// gdalwarp's default maximum error of the approximation, in source pixels.
    public static let defaultErrorThreshold = 0.125

    /// A transformer from pixels of a destination grid with `destinationGeoTransform` in
    /// `targetSRS` (the exact string gdalwarp is given as `-t_srs`) to pixels of `source`.
    public init(source: Dataset, targetSRS: String, destinationGeoTransform: GeoTransform,
                errorThreshold: Double = WarpTransformer.defaultErrorThreshold) throws {
        let src = try source.validHandle()
        GDALRuntime.resetError()
        let base = withCStringList(["DST_SRS=\(targetSRS)"]) { GDALCreateGenImgProjTransformer2(src, nil, $0) }
        guard let base else {
            throw RasterError(.invalidArgument, path: source.path,
                              "cannot build a transformer: \(GDALRuntime.lastErrorMessage(or: "unknown error"))")
        }
        // gdalwarp asks for the suggested output on this very transformer before warping with
        // it (which re-creates its reprojection from its serialised form); do the same.
        var suggested = [Double](repeating: 0, count: 6)
        var pixels: Int32 = 0, lines: Int32 = 0
        var extent = [Double](repeating: 0, count: 4)
        let ok = GDALSuggestedWarpOutput2(src, GDALGenImgProjTransform, base, &suggested, &pixels, &lines, &extent, 0)
        guard ok == CE_None else {
            GDALDestroyGenImgProjTransformer(base)
            throw RasterError(.invalidArgument, path: source.path,
                              "cannot compute the output grid: \(GDALRuntime.lastErrorMessage(or: "unknown error"))")
        }
        var gt = destinationGeoTransform.array
        GDALSetGenImgProjTransformerDstGeoTransform(base, &gt)
        guard let approx = GDALCreateApproxTransformer(GDALGenImgProjTransform, base, errorThreshold) else {
            GDALDestroyGenImgProjTransformer(base)
            throw RasterError(.invalidArgument, path: source.path, "cannot build the approximate transformer")
        }
        GDALApproxTransformerOwnsSubtransformer(approx, 1)
        self.approx = approx
    }

    /// A copy of the transformer described by `blueprint`, for another thread: GDAL's reprojection
    /// objects belong to the thread that makes them, so each thread builds its own from the
    /// blueprint (as GDAL's multi-threaded warper clones its transformer per thread).
    public init(blueprint: Blueprint) throws {
        guard let tree = CPLParseXMLString(blueprint.xml) else {
            throw RasterError(.invalidArgument, path: "", "cannot read a transformer blueprint")
        }
        defer { CPLDestroyXMLNode(tree) }
        var function: GDALTransformerFunc?
        var argument: UnsafeMutableRawPointer?
        guard GDALDeserializeTransformer(tree, &function, &argument) == CE_None, let argument else {
            throw RasterError(.invalidArgument, path: "",
                              "cannot rebuild a transformer: \(GDALRuntime.lastErrorMessage(or: "unknown error"))")
        }
        approx = argument
    }

    deinit { GDALDestroyTransformer(approx) }

    /// The transformer in GDAL's serialised form (plain text: safe to hand to other threads).
    public struct Blueprint: Sendable {
        let xml: String
    }

    /// This transformer's blueprint.
    public func blueprint() throws -> Blueprint {
        guard let tree = GDALSerializeTransformer(GDALApproxTransform, approx) else {
            throw RasterError(.invalidArgument, path: "", "cannot serialise the transformer")
        }
        defer { CPLDestroyXMLNode(tree) }
        guard let text = CPLSerializeXMLTree(tree) else {
            throw RasterError(.invalidArgument, path: "", "cannot serialise the transformer")
        }
        defer { VSIFree(text) }
        return Blueprint(xml: String(cString: text))
    }

    /// Transforms `count` destination pixel coordinates in place to source pixel coordinates
    /// (`z` is carried along, `success[i]` is set non-zero for points that transformed).
    /// Returns false when GDAL reports the whole call failed.
    public func destinationToSource(count: Int, x: UnsafeMutablePointer<Double>, y: UnsafeMutablePointer<Double>,
                                    z: UnsafeMutablePointer<Double>, success: UnsafeMutablePointer<Int32>) -> Bool {
        GDALApproxTransform(approx, 1, Int32(count), x, y, z, success) != 0
    }
}
