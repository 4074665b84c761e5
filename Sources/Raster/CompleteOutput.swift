/// What "complete" means for a raster output geotool finds when a command is re-run (`reproject`,
/// `ecostress regrid` resume by skipping complete outputs): a valid raster *written by geotool* — it
/// opens, carries geotool's provenance marker (every geotool raster does), and the first and last
/// block of every band read. A zero-byte, truncated or corrupt file, or a valid raster some other
/// program wrote there, is not complete and is redone.
public enum CompleteOutput {
    /// The metadata item (default domain) every raster geotool writes carries: its version.
    public static let marker = "GEOTOOL_VERSION"

    /// Whether `path` holds a complete geotool raster (false when nothing is there).
    public static func isCompleteRaster(_ path: String) -> Bool {
        guard let ds = try? Dataset.open(path), ds.metadataItem(marker) != nil else { return false }
        do {
            try ds.verifyReadable()
            return true
        } catch {
            return false
        }
    }
}
