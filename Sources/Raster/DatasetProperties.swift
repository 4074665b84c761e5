import GDALShim

extension Dataset {
    /// Gives this dataset `other`'s georeferencing and descriptive properties: CRS, geotransform,
    /// default-domain metadata and, band by band (as far as both have bands), nodata, description,
    /// metadata and colour interpretation. Pixels are not touched.
    public func copyProperties(from other: Dataset) throws {
        let handle = try validHandle(), otherHandle = try other.validHandle()
        try setGeoreference(other.georeference)
        GDALRuntime.resetError()
        if let md = GDALGetMetadata(otherHandle, nil), GDALSetMetadata(handle, md, nil) != CE_None {
            throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot copy metadata"))
        }
        for b in 1...Swift.min(bandCount, other.bandCount) {
            let mine = try band(b), theirs = try other.band(b)
            try mine.setNodata(theirs.nodata)
            mine.setDescription(theirs.bandDescription)
            if let md = GDALGetMetadata(theirs.handle, nil), GDALSetMetadata(mine.handle, md, nil) != CE_None {
                throw RasterError(.writeFailed, path: path, GDALRuntime.lastErrorMessage(or: "cannot copy band metadata"))
            }
            GDALSetRasterColorInterpretation(mine.handle, GDALGetRasterColorInterpretation(theirs.handle))
        }
    }
}
