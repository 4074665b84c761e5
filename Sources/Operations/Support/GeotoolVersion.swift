/// geotool's version, reported by `--version` and written into output provenance.
public enum GeotoolVersion {
    /// The version string (semantic versioning).
    public static let current = "0.1.0"
}
